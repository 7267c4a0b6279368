package org.aepsbridge.resendotp.privacy;

import java.util.regex.Pattern;

/**
 * The one place where identity numbers are masked. Only the last four digits of an
 * Aadhaar or mobile number may leave the bundle anywhere but in the body sent to AOPay
 * (Aadhaar Act; UIDAI's masked form is {@code XXXX XXXX 1234}).
 */
public final class Masking {

    /**
     * A run shaped like an Aadhaar number (12 digits, as 4-4-4 groups with an optional space or
     * hyphen between them) or a mobile number (10 digits, as 5-5 groups likewise), not inside a
     * longer run of digits.
     */
    private static final Pattern IDENTITY_SHAPED = Pattern.compile(
            "(?<![\\d])(?:(\\d{4}[ -]?\\d{4}[ -]?\\d{4})|(\\d{5}[ -]?\\d{5}))(?![\\d])",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** Any script's digits count: a number written in full-width or Devanagari digits is the same number. */
    private static final Pattern NOT_A_DIGIT = Pattern.compile("\\D", Pattern.UNICODE_CHARACTER_CLASS);

    private Masking() {}

    /**
     * {@code 234123412346} becomes {@code XXXX XXXX 2346}; anything shorter than 4 digits is fully hidden.
     * A value not written as a number ({@link #writtenAsNumber}) has no mask: its digits are no identity number.
     */
    public static String aadhaar(String value) {
        String digits = digitsOf(value);
        if (digits.isEmpty() || !writtenAsNumber(value)) {
            return null;
        }
        return "XXXX XXXX " + lastFour(digits);
    }

    /** {@code 9876543210} becomes {@code XXXXXX3210}; a value not written as a number has no mask. */
    public static String mobile(String value) {
        String digits = digitsOf(value);
        if (digits.isEmpty() || !writtenAsNumber(value)) {
            return null;
        }
        return "XXXXXX" + lastFour(digits);
    }

    /**
     * Masks every run of six or more digits (of any script; a space or hyphen between two
     * digits continues the run) in free text (error messages from parsers,
     * exception texts) so that nothing a caller sent can be echoed back whole.
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        // A hand-written scan rather than a regular expression: java.util.regex recurses per
        // repetition of a group, and a message of a few thousand digits overflowed the stack.
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (!Character.isDigit(text.charAt(i))) {
                out.append(text.charAt(i++));
                continue;
            }
            int end = i;
            int digits = 0;
            int j = i;
            while (j < text.length()) {
                char c = text.charAt(j);
                if (Character.isDigit(c)) {
                    digits++;
                    end = ++j;
                } else if (j == end
                        && isSeparator(c)
                        && j + 1 < text.length()
                        && Character.isDigit(text.charAt(j + 1))) {
                    j++;
                } else {
                    break;
                }
            }
            String run = text.substring(i, end);
            out.append(digits >= 6 ? "X".repeat(digits - 4) + lastFour(digitsOf(run)) : run);
            i = end;
        }
        return out.toString();
    }

    /**
     * Masks, in text of any shape (a kept input that is not CSV, a cell of one that is), every
     * Aadhaar-shaped run as {@link #aadhaar} and every mobile-shaped run as {@link #mobile} would.
     */
    public static String identityShaped(String text) {
        if (text == null) {
            return null;
        }
        return IDENTITY_SHAPED
                .matcher(text)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        m.group(1) != null ? aadhaar(m.group(1)) : mobile(m.group(2))));
    }

    /**
     * Digits (of any script) with spaces and hyphens between them, after an optional leading
     * apostrophe (a spreadsheet's text marker) and {@code +}. The last four digits of
     * {@code 2.34123E+11} or {@code 98765abc} would make a mask of a number that never
     * existed: such values are shown as no mask at all.
     */
    static boolean writtenAsNumber(String value) {
        String text = value.strip();
        int i = text.startsWith("'") ? 1 : 0;
        if (i < text.length() && text.charAt(i) == '+') {
            i++;
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isDigit(c) && c != ' ' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || Character.isWhitespace(c);
    }

    private static String lastFour(String digits) {
        return digits.length() <= 4 ? "XXXX" : digits.substring(digits.length() - 4);
    }

    private static String digitsOf(String value) {
        return value == null ? "" : NOT_A_DIGIT.matcher(value).replaceAll("");
    }
}

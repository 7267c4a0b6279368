package org.aepsbridge.resendotp.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where identity numbers are masked. Only the last four digits of an
 * Aadhaar or mobile number may leave the bundle anywhere but in the body sent to AOPay
 * (Aadhaar Act; UIDAI's masked form is {@code XXXX XXXX 1234}).
 */
public final class Masking {

    /** Six or more digits, possibly broken up by spaces or hyphens: long enough to identify someone. */
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[\\s-]?\\d){5,}");

    private Masking() {
    }

    /** {@code 234123412346} becomes {@code XXXX XXXX 2346}; anything shorter than 4 digits is fully hidden. */
    public static String aadhaar(String value) {
        String digits = digitsOf(value);
        if (digits.isEmpty()) {
            return null;
        }
        return "XXXX XXXX " + lastFour(digits);
    }

    /** {@code 9876543210} becomes {@code XXXXXX3210}. */
    public static String mobile(String value) {
        String digits = digitsOf(value);
        if (digits.isEmpty()) {
            return null;
        }
        return "XXXXXX" + lastFour(digits);
    }

    /**
     * Masks every run of six or more digits in free text (error messages from parsers,
     * exception texts) so that nothing a caller sent can be echoed back whole.
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DIGIT_RUN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String digits = digitsOf(m.group());
            m.appendReplacement(out, "X".repeat(digits.length() - 4) + lastFour(digits));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String lastFour(String digits) {
        return digits.length() <= 4 ? "XXXX" : digits.substring(digits.length() - 4);
    }

    private static String digitsOf(String value) {
        return value == null ? "" : value.replaceAll("\\D", "");
    }
}

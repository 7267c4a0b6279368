package org.aepsbridge.resendotp.rules;

/**
 * The rule for the correlation fields ({@code PrimaryKeyId}, {@code EncodeTxnId},
 * {@code RegistrationID}): free text sent to AOPay as given and echoed in every result,
 * log line and result file. Any script, emoji or digit is fine; what is not is text a
 * person cannot see or that changes how the text around it reads: control characters
 * (NUL, BEL, CR, LF, TAB: they split log lines and CSV rows), bidirectional overrides
 * and other invisible formatting characters (U+202E makes {@code 1234} read {@code 4321}),
 * line and paragraph separators, unpaired surrogates (not text at all), and U+FFFD
 * (bytes that were not UTF-8). A value of only spaces, Unicode ones included, is blank.
 */
public final class CorrelationText {

    public static final String RULE = "must be plain text: no control characters, line separators, "
            + "bidirectional or invisible formatting characters, or bytes that are not UTF-8";
    public static final int MAX_LENGTH = 100;

    private CorrelationText() {}

    /** No character that has no place in an identifier (see the class comment). */
    public static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (Character.getType(c)) {
                case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                    return false;
                }
                case Character.FORMAT -> {
                    // ZWNJ and ZWJ shape Indic scripts and emoji sequences: they stay
                    if (c != '\u200C' && c != '\u200D') {
                        return false;
                    }
                }
                case Character.SURROGATE -> {
                    if (!Character.isSurrogatePair(c, i + 1 < value.length() ? value.charAt(i + 1) : 0)) {
                        return false;
                    }
                    i++;
                }
                default -> {
                    if (c == '\uFFFD') {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Nothing but spaces, ASCII or Unicode (NBSP, ideographic space...). */
    public static boolean isBlank(String value) {
        return value.chars().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    /** The value when it keeps the rule and may be shown in a result or a log line; null otherwise. */
    public static String echoable(String value) {
        return value != null && value.length() <= MAX_LENGTH && !isBlank(value) && isPlain(value) ? value : null;
    }
}

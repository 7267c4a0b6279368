package org.aepsbridge.resendotp.rules;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule for an Indian mobile number as callers write it: {@code +91}, {@code 91} or {@code 0} in front, spaces and
 * hyphens inside; a spreadsheet's leading apostrophe is dropped first ({@link SpreadsheetNumber}).
 */
public final class MobileNumber {

    public static final String RULE =
            "must be a 10-digit Indian mobile number starting with 6-9 (a +91, 91 or 0 prefix, spaces and hyphens are allowed)";

    private static final Pattern SEPARATORS = Pattern.compile("[ -]");
    private static final Pattern SHAPE = Pattern.compile("(?:\\+91|91|0)?([6-9]\\d{9})");

    private MobileNumber() {}

    /** The 10 digits AOPay expects, or empty when {@code raw} breaks the rule. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = SpreadsheetNumber.withoutTextMarker(raw);
        if (text.startsWith("-") || text.endsWith("-")) {
            return Optional.empty(); // a negative number, not a separator
        }
        Matcher m = SHAPE.matcher(SEPARATORS.matcher(text).replaceAll(""));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

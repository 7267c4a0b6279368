package org.aepsbridge.resendotp.rules;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for an Aadhaar number: 12 digits (spaces/hyphens allowed), first digit 2-9, Verhoeff check digit;
 * a spreadsheet's leading apostrophe is dropped first ({@link SpreadsheetNumber}).
 */
public final class AadhaarNumber {

    public static final String RULE =
            "must be a 12-digit Aadhaar number (spaces or hyphens allowed) that starts with 2-9 and ends with a valid Verhoeff check digit";

    private static final Pattern SEPARATORS = Pattern.compile("[ -]");
    private static final Pattern SHAPE = Pattern.compile("[2-9]\\d{11}");

    private AadhaarNumber() {}

    /** The 12 digits AOPay expects, or empty when {@code raw} breaks the rule. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String digits =
                SEPARATORS.matcher(SpreadsheetNumber.withoutTextMarker(raw)).replaceAll("");
        if (!SHAPE.matcher(digits).matches() || !Verhoeff.isValid(digits)) {
            return Optional.empty();
        }
        return Optional.of(digits);
    }
}

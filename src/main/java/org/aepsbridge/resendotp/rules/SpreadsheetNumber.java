package org.aepsbridge.resendotp.rules;

import jakarta.validation.ConstraintValidatorContext;
import java.util.regex.Pattern;

/**
 * What spreadsheets do to long numbers, for the identity-number rules of every channel. A
 * column not formatted as Text turns {@code 234123412346} into {@code 2.34123E+11} (the
 * digits after the sixth are gone) or {@code 234123412346.0}; such a value is refused with a
 * rule that says so, never sent and never masked (its digits are not an identity number).
 * A leading apostrophe is the spreadsheets' own mark for "this cell is text", the way to
 * keep every digit: it is dropped, and the digits after it must pass the rule as usual.
 */
public final class SpreadsheetNumber {

    public static final String FLOAT_RULE = "is a number with a decimal point or an exponent (like 2.34123E+11, or a "
            + "trailing .0), the way a spreadsheet saves a long number in a column not formatted as Text: its digits "
            + "may be lost, so it was not sent; format the column as Text before exporting (or send the digits only)";

    /** Digits with a decimal point or comma, or in exponent form; a spreadsheet in a comma-decimal locale writes 2,34123E+11. */
    private static final Pattern FLOAT =
            Pattern.compile("[+-]?\\d+[.,]\\d*(?:[eE][+-]?\\d+)?|[+-]?\\d+(?:[.,]\\d*)?[eE][+-]?\\d+");

    private SpreadsheetNumber() {}

    /** True when {@code raw} is a number a spreadsheet (or a program) wrote as floating point. */
    public static boolean isFloat(String raw) {
        return raw != null && raw.length() <= 40 && FLOAT.matcher(raw.strip()).matches();
    }

    /** Always false (the value broke its rule); a floating-point value is told {@link #FLOAT_RULE} instead of the rule's message. */
    static boolean explainFloat(String value, ConstraintValidatorContext context) {
        if (isFloat(value)) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(FLOAT_RULE).addConstraintViolation();
        }
        return false;
    }

    /** {@code raw} without surrounding spaces and without one leading apostrophe (the text marker). */
    public static String withoutTextMarker(String raw) {
        String text = raw.strip();
        return text.startsWith("'") ? text.substring(1) : text;
    }
}

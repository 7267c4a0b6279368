package org.aepsbridge.resendotp.rules;

/**
 * The Verhoeff check-digit scheme, which UIDAI uses for the last digit of an Aadhaar
 * number. It catches every single-digit error and every swap of adjacent digits.
 */
public final class Verhoeff {

    private static final int[][] MULTIPLY = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
        {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
        {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
        {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
    };

    private static final int[][] PERMUTE = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
        {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
        {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}
    };

    private static final int[] INVERSE = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

    private Verhoeff() {}

    /** True when {@code digits} (digits only, check digit last) carries a valid Verhoeff check digit. */
    public static boolean isValid(String digits) {
        requireDigits(digits);
        return checksum(digits, false) == 0;
    }

    /** The check digit to append to {@code digits}. */
    public static int checkDigit(String digits) {
        requireDigits(digits);
        return INVERSE[checksum(digits, true)];
    }

    private static int checksum(String digits, boolean appendingCheckDigit) {
        int c = 0;
        int len = digits.length();
        for (int i = 0; i < len; i++) {
            int position = appendingCheckDigit ? i + 1 : i;
            int digit = digits.charAt(len - 1 - i) - '0';
            c = MULTIPLY[c][PERMUTE[position % 8][digit]];
        }
        return c;
    }

    private static void requireDigits(String digits) {
        if (digits == null || digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("Verhoeff works on a non-empty string of digits");
        }
    }
}

package org.aepsbridge.resendotp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerhoeffTest {

    @ParameterizedTest(name = "check digit of {0} is {1}")
    @CsvSource({
        "236, 3", // the textbook example
        "12345, 1",
        "23412341234, 6",
        "49918273645, 5",
        "87654321098, 8"
    })
    void computesKnownCheckDigits(String digits, int expected) {
        assertEquals(expected, Verhoeff.checkDigit(digits));
        assertTrue(Verhoeff.isValid(digits + expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2363", "123451", "234123412346", "499182736455", "876543210988"})
    void acceptsValidNumbers(String digits) {
        assertTrue(Verhoeff.isValid(digits));
    }

    @Test
    void catchesEverySingleDigitError() {
        String valid = "234123412346";
        for (int i = 0; i < valid.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != valid.charAt(i)) {
                    String typo = valid.substring(0, i) + d + valid.substring(i + 1);
                    assertFalse(Verhoeff.isValid(typo), typo);
                }
            }
        }
    }

    @Test
    void catchesSwappedNeighbours() {
        String valid = "234123412346";
        for (int i = 0; i + 1 < valid.length(); i++) {
            if (valid.charAt(i) != valid.charAt(i + 1)) {
                String swapped = valid.substring(0, i) + valid.charAt(i + 1) + valid.charAt(i) + valid.substring(i + 2);
                assertFalse(Verhoeff.isValid(swapped), swapped);
            }
        }
    }

    @Test
    void refusesNonDigits() {
        assertThrows(IllegalArgumentException.class, () -> Verhoeff.isValid("12a4"));
        assertThrows(IllegalArgumentException.class, () -> Verhoeff.isValid(""));
    }
}

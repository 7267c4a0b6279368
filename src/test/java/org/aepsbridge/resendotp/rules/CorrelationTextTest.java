package org.aepsbridge.resendotp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The correlation fields' rule (docs/rest.md, rules table: any script, emoji or digits, but no
 * control characters, line separators, bidirectional or invisible formatting characters,
 * or U+FFFD; Unicode spaces count as blank; at most 100 characters), and the identity
 * number constraints on their own.
 */
class CorrelationTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"AOP-554", "TEST,3", "DEMO \"3\"", "क्‍ष", "क्‌ष", "😀", "👩‍💻", "ＡＯＰ５５４", "٥٥٤", "a b"})
    void plainTextOfAnyScriptIsPlain(String value) {
        assertTrue(CorrelationText.isPlain(value), value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "a\tb",
                "a\nb",
                "a\rb",
                "a\u0007",
                "\u0085",
                "a\u2028b",
                "a\u2029b",
                "1234\u202e",
                "a\u200bb",
                "\u2066x\u2069",
                "\ufeffa",
                "a\ufffdb",
                "\ud83d",
                "x\ud83d",
                "\ud83dx",
                "\ude00",
                "a\ude00\ud83d"
            })
    void invisibleControlOrBrokenCharactersAreNot(String value) {
        assertFalse(
                CorrelationText.isPlain(value),
                () -> value.chars()
                        .mapToObj(c -> String.format("U+%04X", c))
                        .toList()
                        .toString());
    }

    @Test
    void onlySpacesOfAnyKindAreBlank() {
        assertTrue(CorrelationText.isBlank(" \u00a0\u3000\u2007\t"));
        assertFalse(CorrelationText.isBlank(" \u00a0x"));
        assertFalse(CorrelationText.isBlank("\u200b"), "an invisible character is not a space: isPlain refuses it");
    }

    @Test
    void echoableIsTheValueOnlyWhenItKeepsTheRule() {
        assertEquals("AOP-554", CorrelationText.echoable("AOP-554"));
        String hundred = "x".repeat(CorrelationText.MAX_LENGTH);
        assertEquals(hundred, CorrelationText.echoable(hundred));
        assertEquals(100, CorrelationText.MAX_LENGTH, "docs/rest.md: at most 100 characters");
        assertNull(CorrelationText.echoable(hundred + "x"));
        assertNull(CorrelationText.echoable(null));
        assertNull(CorrelationText.echoable("\u3000 "));
        assertNull(CorrelationText.echoable("AOP\n554"));
    }

    @Test
    void theIdentityConstraintsLeaveMissingValuesToNotBlank() {
        ValidMobile.Validator mobile = new ValidMobile.Validator();
        assertTrue(mobile.isValid(null, null));
        assertTrue(mobile.isValid("  ", null));
        assertTrue(mobile.isValid("+91 98765-43210", null));
        assertFalse(mobile.isValid("12345", null));

        ValidAadhaar.Validator aadhaar = new ValidAadhaar.Validator();
        assertTrue(aadhaar.isValid(null, null));
        assertTrue(aadhaar.isValid(" ", null));
        assertTrue(aadhaar.isValid("2341 2341 2346", null));
        assertFalse(aadhaar.isValid("2341 2341 2345", null));

        ValidCorrelationText.Validator text = new ValidCorrelationText.Validator();
        assertTrue(text.isValid(null, null));
        assertTrue(text.isValid(" ", null));
        assertTrue(text.isValid("AOP-554", null));
        assertFalse(text.isValid("AOP\u202e554", null));
    }

    @Test
    void numbersNullAreNotNumbers() {
        assertTrue(MobileNumber.normalize(null).isEmpty());
        assertTrue(AadhaarNumber.normalize(null).isEmpty());
    }

    @Test
    void aCheckDigitIsOnlyComputedForDigits() {
        assertThrows(IllegalArgumentException.class, () -> Verhoeff.checkDigit("12a"));
        assertThrows(IllegalArgumentException.class, () -> Verhoeff.checkDigit(""));
        assertThrows(IllegalArgumentException.class, () -> Verhoeff.isValid(null));
    }
}

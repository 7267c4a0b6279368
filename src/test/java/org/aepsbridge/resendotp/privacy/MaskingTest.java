package org.aepsbridge.resendotp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void aadhaarShowsOnlyTheLastFourInUidaisForm() {
        assertEquals("XXXX XXXX 2346", Masking.aadhaar("234123412346"));
        assertEquals("XXXX XXXX 2346", Masking.aadhaar("2341 2341 2346"));
    }

    @Test
    void mobileShowsOnlyTheLastFour() {
        assertEquals("XXXXXX3210", Masking.mobile("9876543210"));
        assertEquals("XXXXXX3210", Masking.mobile("+91 98765-43210"));
    }

    @Test
    void shortOrMissingValuesRevealNothing() {
        assertEquals("XXXX XXXX XXXX", Masking.aadhaar("123"));
        assertEquals("XXXXXXXXXX", Masking.mobile("12"));
        assertNull(Masking.aadhaar(null));
        assertNull(Masking.mobile(""));
    }

    @Test
    void scrubMasksEveryLongDigitRunInFreeText() {
        assertEquals(
                "Unrecognized token 'XXXXXXXX2346': was expecting",
                Masking.scrub("Unrecognized token '234123412346': was expecting"));
        assertEquals(
                "mobile XXXXXX3210 and aadhaar XXXXXXXX2346",
                Masking.scrub("mobile 98765 43210 and aadhaar 2341-2341-2346"));
    }

    @Test
    void scrubLeavesShortNumbersAlone() {
        assertEquals(
                "line 3, column 13, HTTP 503 after 12345 ms",
                Masking.scrub("line 3, column 13, HTTP 503 after 12345 ms"));
    }

    @Test
    void scrubMasksDigitsOfEveryScript() {
        assertEquals(
                "token 'XXXXXX\uFF13\uFF12\uFF11\uFF10'",
                Masking.scrub("token '\uFF19\uFF18\uFF17\uFF16\uFF15\uFF14\uFF13\uFF12\uFF11\uFF10'"));
        assertEquals(
                "XXXX XXXX \u0968\u0969\u096A\u096C",
                Masking.aadhaar("\u0968\u0969\u096A\u0967\u0968\u0969\u096A\u0967\u0968\u0969\u096A\u096C"));
    }

    @Test
    void scrubCopesWithAMessageOfManyThousandDigits() {
        // a regular expression with a repeated group overflowed the stack here (JMS dead letters)
        String digits = "9".repeat(100_000);
        assertEquals("X".repeat(99_996) + "9999 and XXXXXXXX2346", Masking.scrub(digits + " and 2341 2341 2346"));
    }
}

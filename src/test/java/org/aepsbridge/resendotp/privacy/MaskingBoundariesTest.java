package org.aepsbridge.resendotp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The edges of the masking rule (README "Privacy"): a masked value never shows more than
 * the last four digits and never a whole number; free text loses every run of six or more
 * digits, where a space or hyphen between two digits continues a run and nothing else does.
 */
class MaskingBoundariesTest {

    @Test
    void aValueOfFourDigitsOrFewerIsHiddenWhole() {
        assertEquals("XXXX XXXX XXXX", Masking.aadhaar("2346"));
        assertEquals("XXXXXXXXXX", Masking.mobile("3210"));
        assertEquals("XXXX XXXX 2346", Masking.aadhaar("12346"));
        assertEquals("XXXXXX3210", Masking.mobile("43210"));
    }

    @Test
    void aValueWithoutDigitsMasksToNothing() {
        assertNull(Masking.aadhaar("no digits"));
        assertNull(Masking.mobile(null));
    }

    @Test
    void sixDigitsAreARunAndFiveAreNot() {
        assertEquals("code XX3456 ok", Masking.scrub("code 123456 ok"));
        assertEquals("code 12345 ok", Masking.scrub("code 12345 ok"));
        assertEquals("XX3456", Masking.scrub("123456"));
    }

    @Test
    void onlyASpaceOrAHyphenBetweenDigitsContinuesARun() {
        assertEquals("XX3456", Masking.scrub("123-456"));
        assertEquals("XX3456", Masking.scrub("123 456"));
        assertEquals("XX3456", Masking.scrub("123\t456"));
        assertEquals(
                "version 123.456, 12/34/56, 12:34:56, 123_456, 123,456",
                Masking.scrub("version 123.456, 12/34/56, 12:34:56, 123_456, 123,456"));
    }

    @Test
    void aSeparatorContinuesARunOnlyBetweenTwoDigits() {
        assertEquals("12 - 345 6", Masking.scrub("12 - 345 6"));
        assertEquals("123  456", Masking.scrub("123  456"));
        assertEquals("tail XXXXXX3210 ", Masking.scrub("tail 9876543210 "));
        assertEquals("tail XXXXXX3210-", Masking.scrub("tail 9876543210-"));
    }

    @Test
    void nothingToScrubIsNothing() {
        assertNull(Masking.scrub(null));
        assertEquals("", Masking.scrub(""));
    }
}

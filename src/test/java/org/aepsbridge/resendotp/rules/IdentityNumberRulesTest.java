package org.aepsbridge.resendotp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityNumberRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "9876543210",
                "+919876543210",
                "919876543210",
                "09876543210",
                "+91 98765 43210",
                "98765-43210",
                " 98765 43210 ",
                "+91-98765-43210",
                "6000000000"
            })
    void mobileAcceptsTheWaysPeopleWriteIt(String raw) {
        Optional<String> normal = MobileNumber.normalize(raw);
        assertTrue(normal.isPresent(), raw);
        assertEquals(10, normal.get().length());
        assertTrue(raw.replaceAll("\\D", "").endsWith(normal.get()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "5876543210",
                "987654321",
                "98765432101",
                "+929876543210",
                "98765o4321",
                "",
                "0",
                "9.87654321E9",
                "true",
                "-9876543210",
                "1234567890"
            })
    void mobileRefusesOtherShapes(String raw) {
        assertTrue(MobileNumber.normalize(raw).isEmpty(), raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"234123412346", "2341 2341 2346", "2341-2341-2346", " 234123412346 ", "499182736455"})
    void aadhaarAcceptsTwelveDigitsWithSpacesOrHyphens(String raw) {
        assertEquals(raw.replaceAll("\\D", ""), AadhaarNumber.normalize(raw).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "234123412345", // wrong check digit
                "134123412346", // first digit 1
                "034123412346", // first digit 0
                "23412341234", // 11 digits
                "2341234123466", // 13 digits
                "2341_2341_2346",
                "23412341234a",
                ""
            })
    void aadhaarRefusesOtherShapes(String raw) {
        assertTrue(AadhaarNumber.normalize(raw).isEmpty(), raw);
    }
}

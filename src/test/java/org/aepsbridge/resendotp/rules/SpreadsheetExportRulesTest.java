package org.aepsbridge.resendotp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import org.aepsbridge.resendotp.model.ResendRequest;
import org.aepsbridge.resendotp.privacy.Masking;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Identity numbers as spreadsheets export them (issue 10, part 3): the same rules on every
 * channel, since REST and JMS callers often build their requests from a spreadsheet too.
 */
class SpreadsheetExportRulesTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    /** 234123412346 and 9876543210 as a spreadsheet writes them when the column is not Text. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2.34123E+11",
                "2.34123E11",
                "2.34123e+11",
                "2,34123E+11",
                "234123412346.0",
                "234123412346,0",
                "234123412346.",
                "2341234123.46"
            })
    void aFloatingPointAadhaarIsRefusedSayingTheSpreadsheetLostItsDigits(String exported) {
        assertTrue(AadhaarNumber.normalize(exported).isEmpty(), exported);
        ConstraintViolation<ResendRequest> violation = onlyViolation(request(exported, "9876543210"));
        assertEquals("adhaarNumber", violation.getPropertyPath().toString());
        String rule = violation.getMessage();
        assertTrue(rule.contains("spreadsheet") && rule.contains("digits") && rule.contains("Text"), rule);
        assertNull(Masking.aadhaar(exported), "a mask of digits that never were an Aadhaar number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.87654E+09", "9876543210.0", "9,87654E+09", "9.87654321E9"})
    void aFloatingPointMobileIsRefusedSayingTheSpreadsheetLostItsDigits(String exported) {
        assertTrue(MobileNumber.normalize(exported).isEmpty(), exported);
        ConstraintViolation<ResendRequest> violation = onlyViolation(request("234123412346", exported));
        assertEquals("mobile", violation.getPropertyPath().toString());
        assertTrue(violation.getMessage().contains("spreadsheet"), violation.getMessage());
        assertNull(Masking.mobile(exported), "a mask of digits that never were a mobile number");
    }

    @Test
    void otherBadNumbersKeepTheirRuleAndTheirMask() {
        // 12345 is a (short) number: its rule is the mobile rule, and its mask hides it
        ConstraintViolation<ResendRequest> violation = onlyViolation(request("234123412346", "12345"));
        assertEquals(MobileNumber.RULE, violation.getMessage());
        assertEquals("XXXXXX2345", Masking.mobile("12345"));
        // digits mixed with letters were never one number: no mask
        assertNull(Masking.mobile("98765abc43210"));
        assertNull(Masking.aadhaar("2341x23412346"));
    }

    /** Excel's text marker kept every digit: the value after it is the number, and must pass the rule as usual. */
    @Test
    void aLeadingApostropheIsTheSpreadsheetsTextMarkerAndIsDropped() {
        assertEquals("234123412346", AadhaarNumber.normalize("'234123412346").orElseThrow());
        assertEquals("234123412346", AadhaarNumber.normalize(" '2341 2341 2346").orElseThrow());
        assertEquals("9876543210", MobileNumber.normalize("'9876543210").orElseThrow());
        assertEquals("9876543210", MobileNumber.normalize("'+91 98765-43210").orElseThrow());
        assertTrue(VALIDATOR.validate(request("'234123412346", "'9876543210")).isEmpty());
        assertEquals("XXXX XXXX 2346", Masking.aadhaar("'234123412346"));
        assertEquals("XXXXXX3210", Masking.mobile("'9876543210"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"''234123412346", "2341'23412346", "234123412346'", "'234123412345", "'"})
    void onlyOneLeadingApostropheIsDroppedAndTheRuleStillHolds(String raw) {
        assertTrue(AadhaarNumber.normalize(raw).isEmpty(), raw);
    }

    private static ConstraintViolation<ResendRequest> onlyViolation(ResendRequest request) {
        Set<ConstraintViolation<ResendRequest>> violations = VALIDATOR.validate(request);
        assertEquals(1, violations.size(), violations.toString());
        return violations.iterator().next();
    }

    private static ResendRequest request(String aadhaar, String mobile) {
        ResendRequest request = new ResendRequest();
        request.setUserkey("AOP554N3X");
        request.setMobile(mobile);
        request.setAdhaarNumber(aadhaar);
        request.setPrimaryKeyId("P1");
        request.setEncodeTxnId("DEMO");
        request.setRegistrationId("AOP-554");
        return request;
    }
}

package org.aepsbridge.resendotp.support;

import java.util.List;

/** Identity numbers used by the tests. None may ever appear whole in a log, a result or a metric. */
public final class TestData {

    /** Valid Aadhaar numbers (first digit 2-9, Verhoeff check digit). */
    public static final String AADHAAR = "234123412346";

    public static final String AADHAAR_SPACED = "2341 2341 2346";
    public static final String AADHAAR_2 = "499182736455";
    /** 12 digits whose check digit is wrong. */
    public static final String AADHAAR_BAD_CHECK = "234123412345";

    public static final String MOBILE = "9876543210";
    public static final String MOBILE_2 = "8123456789";

    /** Every full number the tests send, in every way they write it. */
    public static final List<String> SECRETS = List.of(
            AADHAAR,
            AADHAAR_SPACED,
            AADHAAR_2,
            AADHAAR_BAD_CHECK,
            "2341-2341-2346",
            MOBILE,
            MOBILE_2,
            "98765 43210",
            "98765-43210");

    private TestData() {}

    /** A valid request body for the given registration, with everything else fixed. */
    public static String request(String registrationId) {
        return """
                {"Userkey":"AOP554N3X","Mobile":%s,"AdhaarNumber":"%s","PrimaryKeyId":"TEST","EncodeTxnId":"DEMO","RegistrationID":"%s"}""".formatted(MOBILE, AADHAAR_SPACED, registrationId);
    }
}

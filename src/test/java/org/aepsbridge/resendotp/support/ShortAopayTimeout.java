package org.aepsbridge.resendotp.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The profile of the tests whose subject is AOPay's response timeout: 1 s, against stubs that
 * keep AOPay silent for 2-3 s. Every other test runs with the test profile's 20 s, which no
 * pause of a loaded machine reaches, so a pause never adds a retry to an exact call count;
 * here a pause can only make a timeout later, never take one away.
 */
public class ShortAopayTimeout implements QuarkusTestProfile {

    public static final int RESPONSE_TIMEOUT_MS = 1000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return OwnFolders.with(
                "short-timeout", Map.of("aopay.http.response-timeout-ms", String.valueOf(RESPONSE_TIMEOUT_MS)));
    }
}

package org.aepsbridge.resendotp.aopay;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule: an http AOPay base URL stops production start-up unless aopay.tls.allow-plain-http says otherwise. */
class AopayOverHttpsTest {

    static final List<String> PRODUCTION = List.of("prod");

    @Test
    void httpsIsAlwaysAccepted() {
        assertDoesNotThrow(() -> AopayOverHttps.check("https://api.aopay.co.in", false, PRODUCTION));
        assertDoesNotThrow(() -> AopayOverHttps.check("HTTPS://api.aopay.co.in/base", false, PRODUCTION));
    }

    @Test
    void plainHttpInProductionStopsStartUpNamingTheSettingThatAllowsIt() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class, () -> AopayOverHttps.check("http://api.aopay.co.in", false, PRODUCTION));
        assertTrue(refused.getMessage().contains("aopay.tls.allow-plain-http=true"), refused.getMessage());
        assertTrue(refused.getMessage().contains("aopay.base-url"), refused.getMessage());
    }

    @Test
    void aProfileThatIsNotLocalIsProductionToo() {
        assertThrows(
                IllegalStateException.class,
                () -> AopayOverHttps.check("http://10.0.0.5:8080", false, List.of("staging")));
    }

    @Test
    void plainHttpIsAllowedWhenTheSettingSaysSo() {
        assertDoesNotThrow(() -> AopayOverHttps.check("http://127.0.0.1:9", true, PRODUCTION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "dev", "test"})
    void theLocalStandInProfilesMayUsePlainHttp(String profile) {
        assertDoesNotThrow(() -> AopayOverHttps.check("http://localhost:8080/sandbox", false, List.of(profile)));
        assertDoesNotThrow(() -> AopayOverHttps.check("http://localhost:8080/sandbox", false, List.of("dev", profile)));
    }
}

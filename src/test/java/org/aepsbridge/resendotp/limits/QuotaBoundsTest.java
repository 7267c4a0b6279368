package org.aepsbridge.resendotp.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.aepsbridge.resendotp.security.SecuritySettings;
import org.junit.jupiter.api.Test;

/**
 * A quota is a count of slots in a rolling minute: a setting outside 1..1,000,000 stops the start
 * with the setting's name, instead of every request failing at its first use of the quota.
 */
class QuotaBoundsTest {

    @Test
    void aQuotaOfAMillionAMinuteIsTaken() {
        SecuritySettings settings = settings(Map.of(
                "aopay.security.quota.per-minute", "1000000",
                "aopay.security.quota.drop-folder-per-minute", "1",
                "aopay.security.clients.crm.quota-per-minute", "1000000"));
        assertEquals(1_000_000, settings.quota().perMinute());
        assertEquals(1, settings.quota().dropFolderPerMinute());
        assertEquals(
                java.util.Optional.of(1_000_000), settings.clients().get("crm").quotaPerMinute());
        ClientQuota.checkBounds(settings);
    }

    @Test
    void aQuotaOfABillionStopsTheStartNamingTheSetting() {
        assertRefused("aopay.security.quota.per-minute", "1000000000");
        assertRefused("aopay.security.quota.drop-folder-per-minute", "1000001");
        assertRefused("aopay.security.clients.crm.quota-per-minute", "1000000000");
    }

    @Test
    void aQuotaOfNothingStopsTheStartNamingTheSetting() {
        assertRefused("aopay.security.quota.per-minute", "0");
        assertRefused("aopay.security.clients.crm.quota-per-minute", "-5");
    }

    private static void assertRefused(String name, String value) {
        SecuritySettings settings = settings(Map.of(name, value));
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> ClientQuota.checkBounds(settings));
        assertTrue(refused.getMessage().contains(name + "=" + value), refused.getMessage());
    }

    private static SecuritySettings settings(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(SecuritySettings.class)
                .build();
        return config.getConfigMapping(SecuritySettings.class);
    }
}

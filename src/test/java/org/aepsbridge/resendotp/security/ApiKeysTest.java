package org.aepsbridge.resendotp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aepsbridge.resendotp.support.TestClients;
import org.junit.jupiter.api.Test;

/** The key check on its own: hashes only, expiry to the instant, revocation, and start-up refusing a bad hash. */
class ApiKeysTest {

    static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");

    static ApiKeys.Entry entry(String client, String keyId, String key, Instant expiresAt, boolean revoked) {
        return new ApiKeys.Entry(client, keyId, ApiKeys.sha256(key), Optional.ofNullable(expiresAt), revoked);
    }

    static ApiKeys keysAt(Instant now) {
        return new ApiKeys(
                List.of(
                        entry("test", "current", TestClients.KEY, EXPIRY, false),
                        entry("test", "revoked", TestClients.REVOKED_KEY, null, true),
                        entry("partner", "k1", TestClients.PARTNER_KEY, null, false)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theHashOfAKeyIsTheSha256OfItsText() {
        // printf %s "$KEY" | sha256sum, as docs/security.md documents it
        assertEquals(TestClients.KEY_SHA256, HexFormat.of().formatHex(ApiKeys.sha256(TestClients.KEY)));
    }

    @Test
    void aKeyNamesItsClientAndKeyUntilTheInstantItExpires() {
        ApiKeys.Verdict before = keysAt(EXPIRY.minusMillis(1)).verify(TestClients.KEY);
        assertTrue(before.accepted());
        assertEquals("test", before.client());
        assertEquals("current", before.keyId());
        assertEquals(Refusal.EXPIRED, keysAt(EXPIRY).verify(TestClients.KEY).refusal());
        assertEquals(
                "partner",
                keysAt(EXPIRY).verify(TestClients.PARTNER_KEY).client(),
                "a key without expiry never expires");
    }

    @Test
    void revokedUnknownAndMalformedKeysAreRefusedEachForItsReason() {
        ApiKeys keys = keysAt(EXPIRY.minusSeconds(60));
        assertEquals(Refusal.REVOKED, keys.verify(TestClients.REVOKED_KEY).refusal());
        assertEquals(Refusal.UNKNOWN, keys.verify(TestClients.UNKNOWN_KEY).refusal());
        assertEquals(Refusal.UNKNOWN, keys.verify(TestClients.KEY_SHA256).refusal(), "the hash is not the key");
        assertEquals(Refusal.MALFORMED, keys.verify(TestClients.KEY + "0").refusal());
        assertEquals(Refusal.MALFORMED, keys.verify("\uFF10".repeat(64)).refusal(), "fullwidth digits are not hex");
        assertEquals(Refusal.MALFORMED, keys.verify("g".repeat(64)).refusal());
        assertNull(keys.verify(TestClients.KEY.toUpperCase()).refusal(), "hex is hex in either case");
    }

    @Test
    void aConfiguredValueThatIsNoHashStopsStartUpNamingTheSetting() {
        SecuritySettings.Key key = new SecuritySettings.Key() {
            public String sha256() {
                return "not-a-hash";
            }

            public Optional<Instant> expiresAt() {
                return Optional.empty();
            }

            public boolean revoked() {
                return false;
            }
        };
        SecuritySettings.Client client = new SecuritySettings.Client() {
            public Map<String, SecuritySettings.Key> keys() {
                return Map.of("k1", key);
            }

            public Optional<Integer> quotaPerMinute() {
                return Optional.empty();
            }
        };
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> ApiKeys.entries(Map.of("crm", client)));
        assertTrue(
                refused.getMessage()
                        .startsWith("aopay.security.clients.crm.keys.k1.sha256 must be the SHA-256 of the key"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("not-a-hash"), "the configured value is not repeated");
    }
}

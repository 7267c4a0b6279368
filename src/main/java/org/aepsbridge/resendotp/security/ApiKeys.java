package org.aepsbridge.resendotp.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured clients' API keys, kept only as SHA-256 hashes, and the one check of a
 * presented key. A key is 256 random bits written as 64 hexadecimal characters
 * ({@code openssl rand -hex 32}); its hash is {@code printf %s "$KEY" | sha256sum}. The
 * presented key is hashed and compared with every configured hash in constant time
 * ({@link MessageDigest#isEqual}), all of them, so that neither timing nor an early exit
 * tells how close a guess came.
 */
@ApplicationScoped
public class ApiKeys {

    /** Longest header value looked at; anything longer is malformed without further reading. */
    static final int KEY_LENGTH = 64;

    /** A configured key: whose, which one, its hash, and whether it still counts. */
    record Entry(String client, String keyId, byte[] sha256, Optional<Instant> expiresAt, boolean revoked) {}

    /** The answer for one presented key: the client it belongs to, or why it was refused. */
    public record Verdict(String client, String keyId, Refusal refusal) {
        static Verdict accepted(Entry entry) {
            return new Verdict(entry.client(), entry.keyId(), null);
        }

        static Verdict refused(Refusal refusal) {
            return new Verdict(null, null, refusal);
        }

        public boolean accepted() {
            return refusal == null;
        }
    }

    private final List<Entry> entries;
    private final Clock clock;

    @Inject
    ApiKeys(SecuritySettings settings) {
        this(entries(settings.clients()), Clock.systemUTC());
    }

    ApiKeys(List<Entry> entries, Clock clock) {
        this.entries = List.copyOf(entries);
        this.clock = clock;
    }

    /** True when at least one client has a key configured (revoked or expired ones included). */
    public boolean any() {
        return !entries.isEmpty();
    }

    /** Checks one presented key (the header's value exactly as received). */
    public Verdict verify(String presented) {
        if (!wellFormed(presented)) {
            return Verdict.refused(Refusal.MALFORMED);
        }
        byte[] hash = sha256(presented.toLowerCase(java.util.Locale.ROOT));
        Entry match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(hash, entry.sha256()) && match == null) {
                match = entry;
            }
        }
        if (match == null) {
            return Verdict.refused(Refusal.UNKNOWN);
        }
        if (match.revoked()) {
            return Verdict.refused(Refusal.REVOKED);
        }
        if (match.expiresAt().isPresent()
                && !clock.instant().isBefore(match.expiresAt().get())) {
            return Verdict.refused(Refusal.EXPIRED);
        }
        return Verdict.accepted(match);
    }

    /** Exactly 64 hexadecimal ASCII characters; no regex (a long hostile value is rejected by its length first). */
    static boolean wellFormed(String presented) {
        if (presented == null || presented.length() != KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < presented.length(); i++) {
            char c = presented.charAt(i);
            // ASCII only: Character.digit would also take other scripts' digits (e.g. fullwidth)
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The configured keys, checked once at start-up: a hash that is not 64 hexadecimal
     * characters, or one hash configured twice, stops start-up naming the setting.
     */
    static List<Entry> entries(Map<String, SecuritySettings.Client> clients) {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        clients.forEach((client, settings) -> settings.keys().forEach((keyId, key) -> {
            String setting = "aopay.security.clients." + client + ".keys." + keyId + ".sha256";
            String hex = key.sha256().trim().toLowerCase(java.util.Locale.ROOT);
            if (!wellFormed(hex)) {
                throw new IllegalStateException(setting + " must be the SHA-256 of the key as 64 hexadecimal characters"
                        + " (printf %s \"$KEY\" | sha256sum), not the key itself or another digest");
            }
            String earlier = seen.putIfAbsent(hex, setting);
            if (earlier != null) {
                throw new IllegalStateException(setting + " is the same hash as " + earlier + ": one key, one client");
            }
            entries.add(new Entry(client, keyId, HexFormat.of().parseHex(hex), key.expiresAt(), key.revoked()));
        }));
        return entries;
    }
}

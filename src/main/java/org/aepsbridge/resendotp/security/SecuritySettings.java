package org.aepsbridge.resendotp.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call the bundle (docs/security.md). REST clients present an API key, or a client
 * certificate when mutual TLS is configured; keys are configured only as SHA-256 hashes.
 * Without any client the bundle does not start, unless {@link #openBehindGateway()} says so.
 */
@ConfigMapping(prefix = "aopay.security")
public interface SecuritySettings {

    /** The request header that carries a client's API key. */
    @WithDefault("X-API-Key")
    String apiKeyHeader();

    /**
     * The clients, by name: {@code aopay.security.clients.<client>.keys.<key-id>.sha256=<hex>}.
     * The name is the client in every result, log line and metric of its requests.
     */
    Map<String, Client> clients();

    /**
     * Runs without any client credential, for an operator whose own gateway authenticates
     * callers. Requests without a key are then the client {@link #openClientName()}; a key
     * that is presented is still checked. Logged as a warning at every start.
     */
    @WithDefault("false")
    boolean openBehindGateway();

    /** The client named in results when the bundle runs open and a request carries no key. */
    @WithDefault("gateway")
    String openClientName();

    /**
     * The largest quota a setting may name (limits/ClientQuota refuses to start past it). A rolling
     * one-minute window keeps one slot per allowed resend, so a quota of a billion would take
     * gigabytes at the first request and fail every request; a million a minute is more than one
     * pod can send.
     */
    int MAX_PER_MINUTE = 1_000_000;

    Quota quota();

    Failures failures();

    interface Client {
        /** The client's keys, by an id of the operator's choosing (e.g. the month it was minted). Several at once: rotation. */
        Map<String, Key> keys();

        /** This client's resends per minute; {@code aopay.security.quota.per-minute} when absent. */
        Optional<Integer> quotaPerMinute();
    }

    interface Key {
        /** SHA-256 of the key, 64 hexadecimal characters: the key itself is never configured. */
        String sha256();

        /** The key is refused from this instant on (ISO-8601, e.g. {@code 2027-01-31T00:00:00Z}). */
        Optional<Instant> expiresAt();

        /** A revoked key is refused at once, whatever its expiry. */
        @WithDefault("false")
        boolean revoked();
    }

    interface Quota {
        /** Resends a client may ask for per minute (every channel); past it: THROTTLED with Retry-After. */
        @WithDefault("60")
        int perMinute();

        /**
         * The drop folder's resends per minute (its client, {@code aopay.file.client-name}, may
         * also have its own): batch work from whoever may write to the folder, so a file of
         * 10 000 rows is not cut into THROTTLED rows by the callers' quota.
         */
        @WithDefault("100000")
        int dropFolderPerMinute();
    }

    interface Failures {
        /** Failed credentials one source address may present within {@link #window()}; past it: 429, nothing checked. */
        @WithDefault("20")
        int maxPerSource();

        /** The window that counts failed credentials per source address. */
        @WithDefault("1m")
        Duration window();

        /** Source addresses remembered at once (bounded memory under a flood from many addresses). */
        @WithDefault("100000")
        long maxSources();
    }
}

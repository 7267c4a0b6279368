package org.aepsbridge.resendotp.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** REST Idempotency-Keys: how long a key and its first result are kept. */
@ConfigMapping(prefix = "aopay.idempotency")
public interface IdempotencySettings {

    /** How long a REST Idempotency-Key and its first result are kept. */
    @WithDefault("24h")
    Duration ttl();

    /** Most keys kept at once (oldest go first). */
    @WithDefault("100000")
    long maxKeys();

    /** How long a repeat waits for a first request with the same key that is still in flight. */
    @WithDefault("60s")
    Duration waitForFirst();
}

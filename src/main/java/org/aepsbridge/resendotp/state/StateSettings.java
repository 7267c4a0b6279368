package org.aepsbridge.resendotp.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the bundle keeps what must outlive a request: resend limits, Idempotency-Keys,
 * CSV progress and JMS claims.
 */
@ConfigMapping(prefix = "aopay.state")
public interface StateSettings {

    /**
     * {@code local}: limits and Idempotency-Keys in memory (per replica), CSV progress and
     * JMS claims in an embedded H2 file under {@code aopay.file.work}. {@code postgresql}: all of
     * them in the PostgreSQL database at {@link #url()}, shared by every replica.
     */
    @WithDefault("local")
    Store store();

    /** JDBC URL of the shared database, e.g. {@code jdbc:postgresql://db:5432/aopay}. Required for postgresql. */
    Optional<String> url();

    Optional<String> username();

    /** A secret: set it from the environment or a Kubernetes Secret. */
    Optional<String> password();

    /**
     * Key of the keyed hash (HMAC-SHA256) that turns RegistrationID + Aadhaar into the
     * identity the resend limits count. Replicas sharing a database must share it; required
     * for postgresql (a secret). Locally a random key is made at each start.
     */
    Optional<String> identityKey();

    /** How often expired limits, Idempotency-Keys and JMS claims are deleted. */
    @WithDefault("10m")
    Duration cleanupInterval();

    enum Store {
        LOCAL,
        POSTGRESQL
    }
}

package org.aepsbridge.resendotp.limits;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;

/** A local resend limit refused the request; it may be tried again after {@link #retryAfter()}. */
@RegisterForReflection
public class ResendThrottledException extends RuntimeException {

    private final Duration retryAfter;

    public ResendThrottledException(String reason, Duration retryAfter) {
        super(reason, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

package org.aepsbridge.resendotp.state;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import org.aepsbridge.resendotp.jms.JmsClaims;
import org.aepsbridge.resendotp.jms.JmsSettings;
import org.aepsbridge.resendotp.limits.ResendLimits;
import org.aepsbridge.resendotp.rest.IdempotencyKeys;
import org.jboss.logging.Logger;

/** Deletes state that has expired (routes/state.camel.yaml, route state-cleanup). */
@ApplicationScoped
@Named("stateCleanup")
public class StateCleanup {

    private static final Logger LOG = Logger.getLogger(StateCleanup.class);

    private final ResendLimits limits;
    private final IdempotencyKeys idempotencyKeys;
    private final JmsClaims jmsClaims;
    private final JmsSettings settings;

    StateCleanup(ResendLimits limits, IdempotencyKeys idempotencyKeys, JmsClaims jmsClaims, JmsSettings settings) {
        this.limits = limits;
        this.idempotencyKeys = idempotencyKeys;
        this.jmsClaims = jmsClaims;
        this.settings = settings;
    }

    /** Returns how many entries were deleted. */
    public int forgetExpired() {
        int sends = limits.forgetExpired();
        int keys = idempotencyKeys.forgetExpired();
        int claims = jmsClaims.forgetClaimedBefore(Instant.now().minus(settings.claimRetention()));
        if (sends + keys + claims > 0) {
            LOG.infof(
                    "State cleanup: forgot %d resend-limit entries, %d Idempotency-Keys, %d JMS claims",
                    sends, keys, claims);
        }
        return sends + keys + claims;
    }
}

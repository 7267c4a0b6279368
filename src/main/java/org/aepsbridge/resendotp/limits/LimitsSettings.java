package org.aepsbridge.resendotp.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Local resend limits per identity (RegistrationID + Aadhaar number). */
@ConfigMapping(prefix = "aopay.limits")
public interface LimitsSettings {

    @WithDefault("true")
    boolean enabled();

    /** At most one resend per identity within this time. */
    @WithDefault("45s")
    Duration minInterval();

    /** At most this many resends per identity within {@link #window()}. */
    @WithDefault("5")
    int maxPerWindow();

    @WithDefault("1h")
    Duration window();

    /** Identities remembered at once (the oldest are forgotten first). */
    @WithDefault("1000000")
    long maxIdentities();
}

package org.aepsbridge.resendotp.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The built-in AOPay stand-in (the embedded-default run). */
@ConfigMapping(prefix = "aopay.sandbox")
public interface SandboxSettings {

    /** Serve the built-in AOPay stand-in at {@code /sandbox}. Only the embedded-default run turns it on. */
    @WithDefault("false")
    boolean enabled();

    /** The API key the stand-in accepts; others get AOPay's 401 "Invalid signature encoding". */
    Optional<String> apiKey();

    /** Registrations the stand-in knows; any other gets {@code "status": false}. */
    @WithDefault("AOP-554")
    List<String> registrations();
}

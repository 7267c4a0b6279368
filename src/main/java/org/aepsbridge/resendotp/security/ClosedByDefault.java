package org.aepsbridge.resendotp.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The bundle does not start open by accident: with no client configured (no API key, no
 * mutual TLS) start-up stops, naming the settings. {@code aopay.security.open-behind-gateway=true}
 * is the one way to run open, for an operator whose own gateway authenticates callers; it
 * is logged as a warning at every start.
 */
@ApplicationScoped
public class ClosedByDefault {

    private static final Logger LOG = Logger.getLogger(ClosedByDefault.class);

    void check(@Observes StartupEvent started, SecuritySettings settings, ApiKeys keys,
            @ConfigProperty(name = "quarkus.http.ssl.client-auth", defaultValue = "NONE") String clientAuth) {
        boolean certificates = !"NONE".equalsIgnoreCase(clientAuth);
        if (settings.openBehindGateway()) {
            LOG.warnf("aopay.security.open-behind-gateway=true: REST calls without an API key are accepted as client '%s'."
                    + " Anyone who can reach the API port can trigger SMS unless a gateway in front authenticates callers",
                    settings.openClientName());
        } else if (!keys.any() && !certificates) {
            throw new IllegalStateException("No REST client is configured: set aopay.security.clients.<client>.keys.<key-id>.sha256"
                    + " (AOPAY_SECURITY_CLIENTS__...), or turn on mutual TLS (quarkus.http.ssl.client-auth=required),"
                    + " or, behind a gateway that authenticates callers, aopay.security.open-behind-gateway=true."
                    + " See README \"Security\"");
        }
    }
}

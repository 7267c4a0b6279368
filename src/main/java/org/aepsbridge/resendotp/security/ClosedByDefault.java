package org.aepsbridge.resendotp.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
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

    void check(
            @Observes StartupEvent started,
            SecuritySettings settings,
            ApiKeys keys,
            Config config,
            @ConfigProperty(name = "quarkus.http.ssl.client-auth", defaultValue = "NONE") String clientAuth) {
        boolean certificates = !"NONE".equalsIgnoreCase(clientAuth) && trustStoreConfigured(config);
        if (settings.openBehindGateway()) {
            LOG.warnf(
                    "aopay.security.open-behind-gateway=true: REST calls without an API key are accepted as client '%s'."
                            + " Anyone who can reach the API port can trigger SMS unless a gateway in front authenticates callers",
                    settings.openClientName());
        } else if (!keys.any() && !certificates) {
            throw new IllegalStateException(
                    "No REST client is configured: set aopay.security.clients.<client>.keys.<key-id>.sha256"
                            + " (AOPAY_SECURITY_CLIENTS__...), or turn on mutual TLS (a trust store for the API port: quarkus.http.tls-configuration-name, quarkus.tls.<name>.trust-store.*),"
                            + " or, behind a gateway that authenticates callers, aopay.security.open-behind-gateway=true."
                            + " See docs/security.md");
        }
    }

    /** Client certificates count only with a trust store that decides which ones are let in. */
    static boolean trustStoreConfigured(Config config) {
        String prefix = config.getOptionalValue("quarkus.http.tls-configuration-name", String.class)
                .map(name -> "quarkus.tls." + name + ".trust-store.")
                .orElse("quarkus.tls.trust-store.");
        for (String store : new String[] {"p12.path", "jks.path", "pfx.path", "pem.certs"}) {
            if (config.getOptionalValue(prefix + store, String.class)
                    .filter(v -> !v.isBlank())
                    .isPresent()) {
                return true;
            }
        }
        return false;
    }
}

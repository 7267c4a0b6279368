package org.aepsbridge.resendotp.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * The REST channel's step that names the request's client: the identity Quarkus Security
 * authenticated (API key or certificate), handed to the route by platform-http. No check
 * here: a call without an identity never reached the route (path policy {@code /api/*}).
 */
@ApplicationScoped
@Named("restClients")
public class RestClients {

    public void identify(Exchange exchange) {
        Object user = exchange.getMessage().getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER);
        exchange.getMessage().removeHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER);
        SecurityIdentity identity = user instanceof QuarkusHttpUser http ? http.getSecurityIdentity() : null;
        if (identity != null && !identity.isAnonymous()) {
            exchange.setProperty(ResendExchange.CLIENT, identity.getPrincipal().getName());
        }
    }

    /**
     * An Idempotency-Key belongs to the client that sent it: another client sending the same
     * key makes another request and never sees the first one's result. Stored as the SHA-256
     * of client and key (64 characters, whatever the lengths of both).
     */
    public String idempotencyKey(Exchange exchange) {
        String client = exchange.getProperty(ResendExchange.CLIENT, ResendExchange.UNKNOWN_CLIENT, String.class);
        String key = exchange.getMessage().getHeader("Idempotency-Key", String.class);
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest((client + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

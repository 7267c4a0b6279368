package org.aepsbridge.resendotp.jms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;

/**
 * TLS on the embedded broker's one acceptor (docs/tls.md): with it on, every protocol (CORE,
 * AMQP, STOMP) is spoken over TLS only, with the key and certificate from a key store file,
 * e.g. one mounted from a Kubernetes Secret.
 */
@ConfigMapping(prefix = "aopay.jms.embedded-broker.tls")
public interface EmbeddedBrokerTls {

    /** The embedded broker's acceptor speaks TLS only. */
    @WithDefault("false")
    boolean enabled();

    /** The broker's key store (its private key and certificate): a file path. Required when TLS is on. */
    Optional<String> keyStorePath();

    /** The key store's password. A secret: set it from the environment or a Kubernetes Secret. */
    Optional<String> keyStorePassword();

    /** PKCS12 or JKS. */
    @WithDefault("PKCS12")
    String keyStoreType();

    /** The acceptor's TLS parameters (none when TLS is off). */
    default Map<String, Object> acceptorParameters() {
        Map<String, Object> parameters = new HashMap<>();
        if (enabled()) {
            parameters.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
            parameters.put(
                    TransportConstants.KEYSTORE_PATH_PROP_NAME,
                    keyStorePath()
                            .orElseThrow(
                                    () -> new IllegalStateException(
                                            "aopay.jms.embedded-broker.tls.enabled=true needs aopay.jms.embedded-broker.tls.key-store-path")));
            keyStorePassword()
                    .ifPresent(password -> parameters.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, password));
            parameters.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, keyStoreType());
        }
        return parameters;
    }
}

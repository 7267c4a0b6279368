package org.aepsbridge.resendotp.jms;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The secret part of a TLS broker connection (docs/tls.md). The Artemis client URL
 * ({@code aopay.jms.broker-url}) names the trust store and turns TLS on; its password comes
 * from here, so the URL can stay in a ConfigMap and the password in a Secret:
 * {@code ...;trustStorePath=/deployments/tls/broker/truststore.p12;trustStorePassword=${aopay.jms.tls.trust-store-password}}.
 */
@ConfigMapping(prefix = "aopay.jms.tls")
public interface BrokerTrustStore {

    /** The password of the trust store the broker URL names, for use as {@code ${aopay.jms.tls.trust-store-password}} in it. */
    Optional<String> trustStorePassword();
}

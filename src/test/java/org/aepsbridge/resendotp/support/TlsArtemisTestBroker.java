package org.aepsbridge.resendotp.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.aepsbridge.resendotp.jms.EmbeddedBroker;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The test broker ({@link ArtemisTestBroker}'s users and queues) with its acceptor speaking
 * TLS only, the certificate from {@link TestCertificates} (server.p12). The application is
 * pointed at it with an Artemis client URL that turns TLS on and trusts that certificate.
 */
public class TlsArtemisTestBroker implements QuarkusTestResourceLifecycleManager {

    public static volatile int port;
    private EmbeddedActiveMQ broker;

    @Override
    public Map<String, String> start() {
        try {
            Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "artemis-tls-test-");
            port = FreePorts.pick();
            broker = EmbeddedBroker.start("127.0.0.1", port, data, BrokerUsers.access(), Map.of(
                    TransportConstants.SSL_ENABLED_PROP_NAME, true,
                    TransportConstants.KEYSTORE_PATH_PROP_NAME, TestCertificates.file("server.p12").toString(),
                    TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, TestCertificates.PASSWORD,
                    TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12"));
            return Map.of("aopay.jms.broker-url", trustingUrl(),
                    "aopay.jms.username", BrokerUsers.BUNDLE, "aopay.jms.password", BrokerUsers.BUNDLE_PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException("TLS test broker did not start", e);
        }
    }

    /** A client URL with TLS on, trusting the test broker's certificate and checking its host name. */
    public static String trustingUrl() {
        return plainUrl() + "?sslEnabled=true;verifyHost=true;trustStorePath=" + TestCertificates.file("client-trust.p12")
                + ";trustStorePassword=" + TestCertificates.PASSWORD + ";trustStoreType=PKCS12";
    }

    public static String plainUrl() {
        return "tcp://localhost:" + port;
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.aepsbridge.resendotp.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.aepsbridge.resendotp.jms.EmbeddedBroker;
import org.aepsbridge.resendotp.jms.EmbeddedBrokerTls;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The test broker ({@link ArtemisTestBroker}'s users and queues) with its acceptor speaking
 * TLS only as the embedded broker's settings ({@code aopay.jms.embedded-broker.tls.*}) make it,
 * the certificate from {@link TestCertificates} (server.p12). The application is
 * pointed at it with an Artemis client URL that turns TLS on and trusts that certificate, its
 * trust store's password given by reference ({@code aopay.jms.tls.trust-store-password}).
 */
public class TlsArtemisTestBroker implements QuarkusTestResourceLifecycleManager {

    public static volatile int port;
    private EmbeddedActiveMQ broker;

    @Override
    public Map<String, String> start() {
        try {
            Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "artemis-tls-test-");
            port = FreePorts.pick();
            broker = EmbeddedBroker.start(
                    "127.0.0.1",
                    port,
                    data,
                    BrokerUsers.access(),
                    embeddedBrokerTls().acceptorParameters());
            // The URL as production's ConfigMap has it: the trust store's password by reference, from its own setting
            return Map.of(
                    "aopay.jms.broker-url",
                    trustingUrl().replace(TestCertificates.PASSWORD, "${aopay.jms.tls.trust-store-password}"),
                    "aopay.jms.tls.trust-store-password",
                    TestCertificates.PASSWORD,
                    "aopay.jms.username",
                    BrokerUsers.BUNDLE,
                    "aopay.jms.password",
                    BrokerUsers.BUNDLE_PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException("TLS test broker did not start", e);
        }
    }

    /** The embedded broker's TLS settings as an operator writes them, read by the bundle's own mapping. */
    static EmbeddedBrokerTls embeddedBrokerTls() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(EmbeddedBrokerTls.class)
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "aopay.jms.embedded-broker.tls.enabled",
                                "true",
                                "aopay.jms.embedded-broker.tls.key-store-path",
                                TestCertificates.file("server.p12").toString(),
                                "aopay.jms.embedded-broker.tls.key-store-password",
                                TestCertificates.PASSWORD),
                        "broker-tls-settings",
                        100))
                .build();
        return config.getConfigMapping(EmbeddedBrokerTls.class);
    }

    /** A client URL with TLS on, trusting the test broker's certificate and checking its host name. */
    public static String trustingUrl() {
        return plainUrl() + "?sslEnabled=true;verifyHost=true;trustStorePath="
                + TestCertificates.file("client-trust.p12") + ";trustStorePassword=" + TestCertificates.PASSWORD
                + ";trustStoreType=PKCS12";
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

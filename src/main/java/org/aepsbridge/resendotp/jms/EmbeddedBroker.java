package org.aepsbridge.resendotp.jms;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.jboss.logging.Logger;

/**
 * An ActiveMQ Artemis broker inside the application, for the embedded-default run only
 * ({@code aopay.jms.embedded-broker.enabled}). One acceptor speaks CORE, AMQP and STOMP,
 * so a legacy system can connect with whatever client it has; over TLS only when
 * {@link EmbeddedBrokerTls} says so. Security is on: every
 * connection authenticates, and each user has only its role's rights ({@link BrokerAccess}).
 */
@ApplicationScoped
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);

    /**
     * Message bytes the broker keeps in memory across all addresses before it pages to disk
     * (every address pages when full: Artemis' default policy). Artemis' own default is half the
     * heap, 128 MiB in a 512Mi pod whose heap is half of it: a backed-up request queue could take
     * half the bundle's heap. 64 MiB: by estimate (a small request is about 1-2 KiB in Artemis' count)
     * the benchmark's 20,000 queued requests still fit; beyond it the broker pages, it does not refuse.
     */
    static final long GLOBAL_MAX_SIZE = 64L * 1024 * 1024;

    private final JmsSettings settings;
    private final EmbeddedBrokerTls tls;
    private EmbeddedActiveMQ broker;

    EmbeddedBroker(JmsSettings settings, EmbeddedBrokerTls tls) {
        this.settings = settings;
        this.tls = tls;
    }

    /**
     * Starts the broker if it is enabled and not running yet. Called when the pooled
     * connection factory is created, that is before any JMS consumer connects.
     */
    synchronized void ensureStarted() {
        JmsSettings.EmbeddedBroker config = settings.embeddedBroker();
        if (!config.enabled() || broker != null) {
            return;
        }
        BrokerAccess access = BrokerAccess.of(settings);
        try {
            broker = start(config.host(), config.port(), Path.of(config.dataDir()), access, tls.acceptorParameters());
        } catch (Exception e) {
            throw new IllegalStateException(
                    "The embedded ActiveMQ Artemis broker could not start on " + config.host() + ":" + config.port()
                            + ": " + e.getMessage(),
                    e);
        }
        LOG.infof(
                "Embedded ActiveMQ Artemis broker listening on %s:%d (CORE, AMQP, STOMP%s), security on, %s",
                config.host(), config.port(), tls.enabled() ? ", TLS only" : ", plain TCP", access);
    }

    void start(@Observes @Priority(1) StartupEvent started) {
        ensureStarted();
    }

    // On bean destruction, which comes after Camel has stopped its JMS consumers; on
    // ShutdownEvent the broker went first and every consumer logged a stack trace.
    @PreDestroy
    synchronized void stop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    /**
     * A persistent broker on {@code host:port} that authenticates every connection and
     * authorises by {@code access}: its users (JAAS, in process) and per-address roles.
     * Messages the broker itself gives up on go to the DLQ. Each message is stamped with the
     * user that sent it ({@code _AMQ_VALIDATED_USER}, JMSXUserID to a JMS client), whatever it
     * claimed: that user is the request's client.
     */
    public static EmbeddedActiveMQ start(String host, int port, Path dataDir, BrokerAccess access) throws Exception {
        return start(host, port, dataDir, access, Map.of());
    }

    /**
     * The same broker, its acceptor with these further parameters: {@link EmbeddedBrokerTls#acceptorParameters()}
     * makes it speak TLS only.
     */
    public static EmbeddedActiveMQ start(
            String host, int port, Path dataDir, BrokerAccess access, Map<String, Object> acceptorParameters)
            throws Exception {
        Map<String, Object> acceptor = new HashMap<>(acceptorParameters);
        acceptor.put(TransportConstants.HOST_PROP_NAME, host);
        acceptor.put(TransportConstants.PORT_PROP_NAME, port);
        acceptor.put(TransportConstants.PROTOCOLS_PROP_NAME, "CORE,AMQP,STOMP");
        Configuration configuration = new ConfigurationImpl()
                .setName("aopay-embedded")
                .setSecurityEnabled(true)
                .setPopulateValidatedUser(true)
                .setUuidNamespace(BrokerAccess.UUID_NAMESPACE)
                .setPersistenceEnabled(true)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setGlobalMaxSize(GLOBAL_MAX_SIZE)
                .addAcceptorConfiguration(
                        new TransportConfiguration(NettyAcceptorFactory.class.getName(), acceptor, "all"))
                .addAddressSetting(
                        "#",
                        new AddressSettings()
                                .setDeadLetterAddress(SimpleString.of(access.deadLetterQueue))
                                .setAutoCreateDeadLetterResources(false)
                                .setMaxDeliveryAttempts(10));
        configuration.setSecurityRoles(access.securitySettings());
        configuration.registerBrokerPlugin(new ValidatedUserStamp());
        for (String queue : access.declaredQueues()) {
            configuration.addQueueConfiguration(QueueConfiguration.of(queue)
                    .setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true));
        }
        // No default user: a connection without credentials is refused, on every protocol.
        SecurityConfiguration users = new SecurityConfiguration();
        for (BrokerAccess.User user : access.users()) {
            users.addUser(user.name(), user.password());
            user.roles().forEach(role -> users.addRole(user.name(), role.roleName));
        }
        ActiveMQJAASSecurityManager security = new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
        EmbeddedActiveMQ broker =
                new EmbeddedActiveMQ().setConfiguration(configuration).setSecurityManager(security);
        broker.start();
        return broker;
    }
}

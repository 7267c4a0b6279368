package org.aepsbridge.resendotp.jms;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.aepsbridge.resendotp.aopay.AopaySettings;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.jboss.logging.Logger;

/**
 * An ActiveMQ Artemis broker inside the application, for the embedded-default run only
 * ({@code aopay.jms.embedded-broker.enabled}). One acceptor speaks CORE, AMQP and STOMP,
 * so a legacy system can connect with whatever client it has.
 */
@ApplicationScoped
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);

    private final AopaySettings settings;
    private EmbeddedActiveMQ broker;

    EmbeddedBroker(AopaySettings settings) {
        this.settings = settings;
    }

    /**
     * Starts the broker if it is enabled and not running yet. Called when the pooled
     * connection factory is created, that is before any JMS consumer connects.
     */
    synchronized void ensureStarted() {
        AopaySettings.Jms.EmbeddedBroker config = settings.jms().embeddedBroker();
        if (!config.enabled() || broker != null) {
            return;
        }
        try {
            broker = start(config.host(), config.port(), Path.of(config.dataDir()), settings.jms().dlq());
        } catch (Exception e) {
            throw new IllegalStateException("The embedded ActiveMQ Artemis broker could not start on "
                    + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        LOG.infof("Embedded ActiveMQ Artemis broker listening on %s:%d (CORE, AMQP, STOMP)", config.host(), config.port());
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

    /** A persistent broker on {@code host:port}; messages the broker itself gives up on go to {@code deadLetterQueue}. */
    public static EmbeddedActiveMQ start(String host, int port, Path dataDir, String deadLetterQueue) throws Exception {
        Configuration configuration = new ConfigurationImpl()
                .setName("aopay-embedded")
                .setSecurityEnabled(false)
                .setPersistenceEnabled(true)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .addAcceptorConfiguration("all", "tcp://" + host + ":" + port + "?protocols=CORE,AMQP,STOMP")
                .addAddressSetting("#", new AddressSettings()
                        .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of(deadLetterQueue))
                        .setAutoCreateDeadLetterResources(false)
                        .setMaxDeliveryAttempts(10))
                // the dead-letter queue exists from the start: a message the broker gives up on
                // before the bundle has sent any dead letter would otherwise be dropped (no bindings)
                .addQueueConfiguration(QueueConfiguration.of(deadLetterQueue).setRoutingType(RoutingType.ANYCAST));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
        return broker;
    }
}

package org.aepsbridge.resendotp.jms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The JMS channel. Queue names are configuration; the broker is external unless the embedded one is enabled. */
@ConfigMapping(prefix = "aopay.jms")
public interface JmsSettings {

    /** The broker, e.g. {@code tcp://artemis:61616}. Required. */
    String brokerUrl();

    /** The bundle's own broker user (with the embedded broker: registered there with the bundle's role). */
    Optional<String> username();

    /** A secret: set it from the environment or a Kubernetes Secret. */
    Optional<String> password();

    /**
     * Whether the broker stamps each message with the user it authenticated
     * ({@code populate-validated-user}, as the embedded broker does): that user is then the
     * request's client. Turn it off for a broker that does not, where the property could be
     * the sender's own claim; every JMS request's client is then {@link #defaultClient()}.
     */
    @WithDefault("true")
    boolean validatedUserIsClient();

    /** The client of a JMS request whose message carries no validated user. */
    @WithDefault("jms")
    String defaultClient();

    @WithDefault("aopay.resendotp.requests")
    String requestsQueue();

    @WithDefault("aopay.resendotp.success")
    String successQueue();

    /** FAILED and UNAUTHORIZED results. */
    @WithDefault("aopay.resendotp.failed")
    String failedQueue();

    /** REJECTED and THROTTLED results. */
    @WithDefault("aopay.resendotp.rejected")
    String rejectedQueue();

    @WithDefault("aopay.resendotp.error")
    String errorQueue();

    /**
     * Named queues a request's JMSReplyTo may be (an Artemis address match), besides temporary
     * queues and the result queues: the broker lets a receiver make them and the bundle reply there.
     * A request whose reply could go nowhere else is a dead letter at once, never sent to AOPay.
     */
    @WithDefault("aopay.resendotp.replies.#")
    String replyQueues();

    /** Messages that cannot be processed at all, with the reason in the property aopayFailureReason. */
    @WithDefault("aopay.resendotp.dlq")
    String dlq();

    @WithDefault("4")
    int concurrentConsumers();

    /** Further attempts at a message that failed before it goes to the DLQ. */
    @WithDefault("3")
    int maxRedeliveries();

    @WithDefault("500")
    long redeliveryDelayMs();

    /** How long the id of a consumed request message is remembered, so a redelivery never reaches AOPay twice. */
    @WithDefault("7d")
    Duration claimRetention();

    /**
     * Largest request message, in characters of text (bytes of a bytes message); a larger
     * one is a dead letter at once. The REST channel's limit is 64K too.
     */
    @WithDefault("65536")
    int maxMessageSize();

    EmbeddedBroker embeddedBroker();

    interface EmbeddedBroker {
        /** Start an ActiveMQ Artemis broker inside the application (the embedded-default run). */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("localhost")
        String host();

        @WithDefault("61616")
        int port();

        /** Journal of the embedded broker, so queued messages survive a restart. */
        @WithDefault("data/broker")
        String dataDir();

        /**
         * The broker's users besides the bundle itself ({@code aopay.jms.username}), by name:
         * {@code aopay.jms.embedded-broker.users.<name>.password} and {@code ...roles}.
         */
        Map<String, BrokerUser> users();

        interface BrokerUser {
            /** A secret: set it from the environment or a Kubernetes Secret. */
            String password();

            /** {@code sender} (may send requests), {@code receiver} (may read results), or both. */
            Set<BrokerAccess.BrokerRole> roles();
        }
    }
}

package org.aepsbridge.resendotp.aopay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the bundle needs to know about AOPay, from Quarkus configuration
 * ({@code application.properties}, environment variables such as {@code AOPAY_BASE_URL},
 * Kubernetes Secrets). Settings without a default are required: start-up stops and
 * names each one that is missing.
 */
@ConfigMapping(prefix = "aopay")
public interface AopaySettings {

    /** Scheme, host and optional path prefix of AOPay's API, e.g. {@code https://api.aopay.co.in}. */
    String baseUrl();

    /** The ResendOTP resource below {@link #baseUrl()}. */
    @WithDefault("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP")
    String resendPath();

    /** The pipe sent when the caller gives none; a caller may only send this same value. */
    @WithDefault("bank6")
    String pipe();

    /** The access mode sent when the caller gives none. */
    @WithDefault("SITE")
    String accessModeType();

    Auth auth();

    Http http();

    Retry retry();

    Sandbox sandbox();

    Idempotency idempotency();

    Files file();

    Jms jms();

    Limits limits();

    Circuit circuit();

    State state();

    Cluster cluster();

    interface Auth {
        /** Header that carries the API key. */
        @WithDefault("api-key")
        String headerName();

        /** The API key AOPay issued. A secret: set it from the environment or a Kubernetes Secret. */
        String apiKey();

        /** Sent as {@code Authorization: Bearer ...} when set (AOPay's scheme is not documented). */
        Optional<String> bearerToken();

        /** Further static headers AOPay may ask for, e.g. {@code aopay.auth.headers."X-Partner-Id"=...}. */
        Map<String, String> headers();
    }

    interface Http {
        /** Milliseconds to establish a connection to AOPay. */
        @WithDefault("3000")
        int connectTimeoutMs();

        /** Milliseconds to wait for AOPay's answer once connected. */
        @WithDefault("10000")
        int responseTimeoutMs();

        /** Pooled connections to AOPay. */
        @WithDefault("100")
        int maxConnections();
    }

    interface Retry {
        /** Further attempts after a transient failure (connection, timeout, 502/503/504). */
        @WithDefault("2")
        int maxRedeliveries();

        /** Milliseconds before the first retry; each next one waits twice as long. */
        @WithDefault("500")
        long initialDelayMs();

        @WithDefault("5000")
        long maxDelayMs();
    }

    /** The CSV drop folder. Relative folders are relative to the working directory. */
    interface Files {
        @WithDefault("data/inbox")
        String inbox();

        @WithDefault("data/outbox")
        String outbox();

        @WithDefault("data/done")
        String done();

        @WithDefault("data/error")
        String error();

        /**
         * Where the progress store (embedded database) and result files being assembled live.
         * A relative folder starts with {@code ./} (the embedded database insists).
         */
        @WithDefault("./data/work")
        String work();

        /** Rows of one file in flight to AOPay at once. Each sends an SMS to a person: kept low by default. */
        @WithDefault("4")
        int concurrency();

        /**
         * A file is read only once it has not been written to for this long (its time stamp is
         * this old). 10 s outlasts an ordinary pause of a writer (a batch job flushing in
         * chunks, a stalled upload) at the cost of that much latency per file; must be more
         * than 200 ms (how often a young file is looked at).
         */
        @WithDefault("10000")
        long stableForMs();

        /**
         * A done-marker that says a file is complete, as Camel's {@code doneFileName}:
         * {@code $simple{file:name}.done} ({@code batch.csv.done}) or
         * {@code $simple{file:name.noext}.ok} ({@code batch.ok}). {@code $simple{...}}, since
         * Quarkus configuration would expand {@code ${...}} itself. Off when not set.
         */
        Optional<String> doneMarker();

        /** The encoding of CSV files; UTF-8 (with or without BOM) unless every file of the folder comes in another. */
        @WithDefault("UTF-8")
        String charset();

        /**
         * How long a file read to its end is watched after it moved to done: if it changes
         * in that time (a writer that paused longer than the stability window wrote on), it
         * is reported and moved to the error folder.
         */
        @WithDefault("1h")
        Duration changeWatch();

        @WithDefault("1000")
        long pollDelayMs();

        /** How long the progress of a finished file is kept (a copy of the same file dropped again is not resent). */
        @WithDefault("7d")
        Duration progressRetention();
    }

    /**
     * Scale-out: replicas sharing one drop folder elect one of them, by a file lock in a
     * folder they all share, to poll it (Camel's master endpoint on the file-lock cluster service).
     */
    interface Cluster {
        /**
         * Where the lock and heartbeat files live: a folder every replica that shares the inbox
         * sees (by default inside the inbox itself). Relative to the working directory.
         */
        @WithDefault("${aopay.file.inbox}/.cluster")
        String lockFolder();

        /**
         * How often the leader writes its heartbeat and the others look at it (and at the lock).
         * Every replica must use the same value.
         */
        @WithDefault("2s")
        Duration heartbeatInterval();

        /** Heartbeat intervals without a new heartbeat after which the others take the leader for dead. */
        @WithDefault("3")
        int missedHeartbeats();
    }

    /** The JMS channel. Queue names are configuration; the broker is external unless the embedded one is enabled. */
    interface Jms {
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
                Set<org.aepsbridge.resendotp.jms.BrokerAccess.BrokerRole> roles();
            }
        }
    }

    /** The circuit breaker around the AOPay call (after its retries). */
    interface Circuit {
        /** Calls looked at before the circuit may open. */
        @WithDefault("20")
        int requestVolume();

        /** Percentage of failed calls among them that opens it. */
        @WithDefault("50")
        int failurePercent();

        /** How long it stays open (answering ERROR/UPSTREAM_DOWN at once) before a trial call. */
        @WithDefault("30000")
        long openMs();

        /** Successful trial calls that close it again. */
        @WithDefault("1")
        int successThreshold();
    }

    /** Local resend limits per identity (RegistrationID + Aadhaar number). */
    interface Limits {
        @WithDefault("true")
        boolean enabled();

        /** At most one resend per identity within this time. */
        @WithDefault("45s")
        Duration minInterval();

        /** At most this many resends per identity within {@link #window()}. */
        @WithDefault("5")
        int maxPerWindow();

        @WithDefault("1h")
        Duration window();

        /** Identities remembered at once (the oldest are forgotten first). */
        @WithDefault("1000000")
        long maxIdentities();
    }

    interface Idempotency {
        /** How long a REST Idempotency-Key and its first result are kept. */
        @WithDefault("24h")
        Duration ttl();

        /** Most keys kept at once (oldest go first). */
        @WithDefault("100000")
        long maxKeys();

        /** How long a repeat waits for a first request with the same key that is still in flight. */
        @WithDefault("60s")
        Duration waitForFirst();
    }

    interface Sandbox {
        /** Serve the built-in AOPay stand-in at {@code /sandbox}. Only the embedded-default run turns it on. */
        @WithDefault("false")
        boolean enabled();

        /** The API key the stand-in accepts; others get AOPay's 401 "Invalid signature encoding". */
        Optional<String> apiKey();

        /** Registrations the stand-in knows; any other gets {@code "status": false}. */
        @WithDefault("AOP-554")
        List<String> registrations();
    }

    /**
     * Where the bundle keeps what must outlive a request: resend limits, Idempotency-Keys,
     * CSV progress and JMS claims.
     */
    interface State {
        /**
         * {@code local}: limits and Idempotency-Keys in memory (per replica), CSV progress and
         * JMS claims in an embedded H2 file under {@link Files#work()}. {@code postgresql}: all of
         * them in the PostgreSQL database at {@link #url()}, shared by every replica.
         */
        @WithDefault("local")
        Store store();

        /** JDBC URL of the shared database, e.g. {@code jdbc:postgresql://db:5432/aopay}. Required for postgresql. */
        Optional<String> url();

        Optional<String> username();

        /** A secret: set it from the environment or a Kubernetes Secret. */
        Optional<String> password();

        /**
         * Key of the keyed hash (HMAC-SHA256) that turns RegistrationID + Aadhaar into the
         * identity the resend limits count. Replicas sharing a database must share it; required
         * for postgresql (a secret). Locally a random key is made at each start.
         */
        Optional<String> identityKey();

        /** How often expired limits, Idempotency-Keys and JMS claims are deleted. */
        @WithDefault("10m")
        Duration cleanupInterval();

        enum Store { LOCAL, POSTGRESQL }
    }
}

package org.aepsbridge.resendotp.aopay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * The AOPay call: where AOPay is, how the bundle authenticates there, its timeouts, retries and
 * circuit breaker. From Quarkus configuration ({@code application.properties}, environment
 * variables such as {@code AOPAY_BASE_URL}, Kubernetes Secrets). Settings without a default are
 * required: start-up stops and names each one that is missing. Each other concern has a mapping
 * of its own beside the code that uses it (file, cluster, JMS, state, limits, idempotency,
 * sandbox, security), all under the same {@code aopay.} prefix.
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

    Circuit circuit();

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
}

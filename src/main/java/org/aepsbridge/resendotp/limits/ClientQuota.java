package org.aepsbridge.resendotp.limits;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.aepsbridge.resendotp.security.SecuritySettings;
import org.apache.camel.Exchange;

/**
 * Each client's own rate of resends: at most {@code aopay.security.quota.per-minute} (or the
 * client's {@code aopay.security.clients.<client>.quota-per-minute}) in any rolling minute,
 * whatever the channel (the drop folder: {@code aopay.security.quota.drop-folder-per-minute});
 * the next is THROTTLED with the time until a slot frees. This is what
 * stops a leaked key from pumping SMS to many people (the per-identity limits stop it for
 * one person). A SmallRye Fault Tolerance rate limit per client, in memory: with several
 * replicas each replica counts its own share.
 */
@ApplicationScoped
@Named("clientQuota")
public class ClientQuota {

    private final SecuritySettings settings;
    private final Map<String, Guard> perClient = new ConcurrentHashMap<>();

    ClientQuota(SecuritySettings settings) {
        this.settings = settings;
    }

    /** A quota outside 1..{@value SecuritySettings#MAX_PER_MINUTE} stops the start, naming its setting. */
    void checkBounds(@Observes StartupEvent started) {
        checkBounds(settings);
    }

    static void checkBounds(SecuritySettings settings) {
        List<String> wrong = new ArrayList<>();
        inBounds(wrong, "aopay.security.quota.per-minute", settings.quota().perMinute());
        inBounds(
                wrong,
                "aopay.security.quota.drop-folder-per-minute",
                settings.quota().dropFolderPerMinute());
        settings.clients()
                .forEach((client, configured) -> configured
                        .quotaPerMinute()
                        .ifPresent(quota ->
                                inBounds(wrong, "aopay.security.clients." + client + ".quota-per-minute", quota)));
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("A resend quota must be 1 to " + SecuritySettings.MAX_PER_MINUTE
                    + " a minute (a rolling minute keeps one slot per resend): " + String.join(", ", wrong));
        }
    }

    private static void inBounds(List<String> wrong, String setting, int quota) {
        if (quota < 1 || quota > SecuritySettings.MAX_PER_MINUTE) {
            wrong.add(setting + "=" + quota);
        }
    }

    /** The core's step, after the rules: takes one of the client's resends for this minute, or refuses (ResendThrottledException). */
    public void check(Exchange exchange) {
        String client = exchange.getProperty(ResendExchange.CLIENT, ResendExchange.UNKNOWN_CLIENT, String.class);
        int limit = quotaOf(client, "file".equals(exchange.getProperty(ResendExchange.CHANNEL, String.class)));
        Guard guard = perClient.computeIfAbsent(
                client,
                c -> Guard.create()
                        .withDescription("resend quota of client " + c)
                        .withRateLimit()
                        .limit(limit)
                        .window(1, ChronoUnit.MINUTES)
                        .type(RateLimitType.ROLLING)
                        .done()
                        .build());
        try {
            guard.get(() -> Boolean.TRUE, Boolean.class);
        } catch (RateLimitException refused) {
            throw new ResendThrottledException(
                    "At most " + limit + " resends per minute for client " + client,
                    Duration.ofMillis(Math.max(1, refused.getRetryAfterMillis())));
        }
    }

    int quotaOf(String client, boolean dropFolder) {
        SecuritySettings.Client configured = settings.clients().get(client);
        if (configured != null && configured.quotaPerMinute().isPresent()) {
            return configured.quotaPerMinute().get();
        }
        return dropFolder
                ? settings.quota().dropFolderPerMinute()
                : settings.quota().perMinute();
    }
}

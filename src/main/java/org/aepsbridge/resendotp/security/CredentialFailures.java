package org.aepsbridge.resendotp.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Refused credentials per source address. Past {@code aopay.security.failures.max-per-source}
 * within {@code aopay.security.failures.window} (counted from the first refusal), a source
 * is refused with 429 for the rest of the window, before any credential is looked at:
 * guessing keys, or flooding the bundle with bad ones, gets nowhere. Bounded memory
 * (Caffeine, {@code max-sources}).
 */
@ApplicationScoped
public class CredentialFailures {

    private static final Logger LOG = Logger.getLogger(CredentialFailures.class);

    private final SecuritySettings.Failures settings;
    private final Cache<String, AtomicInteger> counts;

    CredentialFailures(SecuritySettings settings) {
        this.settings = settings.failures();
        this.counts = Caffeine.newBuilder()
                .expireAfterWrite(this.settings.window())
                .maximumSize(this.settings.maxSources())
                .build();
    }

    /** True while the source has used up its refused credentials for the window. */
    public boolean locked(String source) {
        AtomicInteger count = counts.getIfPresent(source);
        return count != null && count.get() >= settings.maxPerSource();
    }

    /** Counts one refused credential of the source; logs once when the source is locked out. */
    public void refused(String source, Refusal why) {
        int count =
                counts.asMap().computeIfAbsent(source, s -> new AtomicInteger()).incrementAndGet();
        if (count == settings.maxPerSource()) {
            LOG.warnf(
                    "source=%s refused %d credentials within %s (last: %s): its calls are refused (429) until the window ends",
                    source, count, settings.window(), why);
        }
    }

    /** Seconds a locked-out source is told to wait: the whole window (it is counted from the first refusal). */
    public long retryAfterSeconds() {
        return Math.max(1, settings.window().toSeconds());
    }
}

package org.aepsbridge.resendotp.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** The history of one replica, bounded in size; entries expire once no limit can need them. */
final class MemoryResendHistory implements ResendHistory {

    private final Cache<String, Deque<Instant>> sent;

    MemoryResendHistory(Duration keep, long maxIdentities) {
        this.sent = Caffeine.newBuilder()
                .expireAfterWrite(keep)
                .maximumSize(maxIdentities)
                .build();
    }

    @Override
    public void recordUnlessRefused(
            String identity, Instant since, Instant now, Function<List<Instant>, ResendThrottledException> refusal) {
        ResendThrottledException[] refused = new ResendThrottledException[1];
        sent.asMap().compute(identity, (key, times) -> {
            Deque<Instant> recent = times == null ? new ArrayDeque<>() : times;
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(since)) {
                recent.removeFirst();
            }
            refused[0] = refusal.apply(List.copyOf(recent));
            if (refused[0] == null) {
                recent.addLast(now);
            }
            return recent;
        });
        if (refused[0] != null) {
            throw refused[0];
        }
    }

    @Override
    public void forget(String identity, Instant sentAt) {
        sent.asMap().computeIfPresent(identity, (key, times) -> {
            times.remove(sentAt);
            return times;
        });
    }

    @Override
    public int forgetUpTo(Instant cutoff) {
        sent.cleanUp();
        return 0;
    }
}

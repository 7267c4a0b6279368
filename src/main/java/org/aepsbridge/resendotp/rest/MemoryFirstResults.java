package org.aepsbridge.resendotp.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.aepsbridge.resendotp.model.ResendResult;

/** One replica's keys: a repeat waits on the first request's future. */
final class MemoryFirstResults implements FirstResults {

    private final Cache<String, CompletableFuture<ResendResult>> results;

    MemoryFirstResults(IdempotencySettings config) {
        this.results = Caffeine.newBuilder()
                .expireAfterWrite(config.ttl())
                .maximumSize(config.maxKeys())
                .build();
    }

    @Override
    public boolean claim(String key) {
        return results.asMap().putIfAbsent(key, new CompletableFuture<>()) == null;
    }

    @Override
    public boolean isClaimed(String key) {
        return results.getIfPresent(key) != null;
    }

    @Override
    public void complete(String key, ResendResult result) {
        CompletableFuture<ResendResult> first = results.getIfPresent(key);
        if (first != null) {
            first.complete(result);
        }
    }

    @Override
    public ResendResult await(String key, Duration timeout) throws TimeoutException, InterruptedException {
        CompletableFuture<ResendResult> first = results.getIfPresent(key);
        if (first == null) {
            throw new IllegalStateException("idempotency key expired while in use");
        }
        try {
            return first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the first request with this key failed", e.getCause());
        }
    }

    @Override
    public boolean release(String key) {
        CompletableFuture<ResendResult> first = results.asMap().remove(key);
        if (first != null) {
            first.cancel(false);
        }
        return first != null;
    }

    @Override
    public void clear() {
        results.invalidateAll();
    }

    @Override
    public int forgetExpired() {
        results.cleanUp();
        return 0;
    }
}

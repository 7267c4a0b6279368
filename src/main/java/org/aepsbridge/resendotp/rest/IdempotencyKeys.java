package org.aepsbridge.resendotp.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.aepsbridge.resendotp.aopay.AopaySettings;
import org.aepsbridge.resendotp.model.FieldError;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.model.Outcome;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * REST {@code Idempotency-Key}s and the first result each one produced, for
 * {@code aopay.idempotency.ttl}. Serves Camel's idempotentConsumer as its repository; a
 * repeat that arrives while the first is still in flight waits for the first's result
 * instead of calling AOPay again.
 */
@ApplicationScoped
@Named("idempotencyKeys")
public class IdempotencyKeys extends ServiceSupport implements IdempotentRepository {

    static final String HEADER = "Idempotency-Key";
    static final String KEY_PROPERTY = "idempotencyKey";
    private static final String KEY_RULE = "must be 1-255 visible ASCII characters";
    private static final Pattern KEY_SHAPE = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final Cache<String, CompletableFuture<ResendResult>> results;
    private final Duration waitForFirst;

    IdempotencyKeys(AopaySettings settings) {
        AopaySettings.Idempotency config = settings.idempotency();
        this.results = Caffeine.newBuilder().expireAfterWrite(config.ttl()).maximumSize(config.maxKeys()).build();
        this.waitForFirst = config.waitForFirst();
    }

    /** A key is 1-255 visible ASCII characters. */
    public boolean isWellFormed(@Header(HEADER) String key) {
        return key != null && KEY_SHAPE.matcher(key).matches();
    }

    /** The result for a malformed key: the request is not processed at all. */
    public ResendResult rejectKey(Exchange exchange) {
        return ResendResult.of(Outcome.REJECTED, "Request rejected: " + HEADER + " " + KEY_RULE)
                .requestId(exchange.getExchangeId())
                .fieldErrors(List.of(new FieldError(HEADER, KEY_RULE)))
                .build();
    }

    public void remember(ResendResult result, Exchange exchange) {
        CompletableFuture<ResendResult> first = results.getIfPresent(exchange.getProperty(KEY_PROPERTY, String.class));
        if (first != null) {
            first.complete(result);
        }
    }

    public ResendResult replay(Exchange exchange) throws InterruptedException, ExecutionException, TimeoutException {
        exchange.setProperty(RestResponses.REPLAYED, true);
        CompletableFuture<ResendResult> first = results.getIfPresent(exchange.getProperty(KEY_PROPERTY, String.class));
        if (first == null) {
            throw new IllegalStateException("idempotency key expired while in use");
        }
        return first.get(waitForFirst.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean add(String key) {
        return results.asMap().putIfAbsent(key, new CompletableFuture<>()) == null;
    }

    @Override
    public boolean contains(String key) {
        return results.getIfPresent(key) != null;
    }

    @Override
    public boolean remove(String key) {
        CompletableFuture<ResendResult> first = results.asMap().remove(key);
        if (first != null) {
            first.cancel(false);
        }
        return first != null;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        results.invalidateAll();
    }
}

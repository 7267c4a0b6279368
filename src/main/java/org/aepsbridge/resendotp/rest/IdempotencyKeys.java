package org.aepsbridge.resendotp.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.aepsbridge.resendotp.model.FieldError;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.state.StateDatabase;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * REST {@code Idempotency-Key}s and the first result each one produced, for
 * {@code aopay.idempotency.ttl}, in memory or in the shared database (aopay.state.store).
 * Serves Camel's idempotentConsumer as its repository; a repeat that arrives while the
 * first is still in flight waits for the first's result instead of calling AOPay again.
 */
@ApplicationScoped
@Named("idempotencyKeys")
public class IdempotencyKeys extends ServiceSupport implements IdempotentRepository {

    static final String HEADER = "Idempotency-Key";
    static final String KEY_PROPERTY = "idempotencyKey";
    private static final String KEY_RULE = "must be 1-255 visible ASCII characters";
    private static final Pattern KEY_SHAPE = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final FirstResults results;
    private final Duration waitForFirst;

    IdempotencyKeys(IdempotencySettings config, StateDatabase state, ObjectMapper json) {
        this.results = state.shared()
                .<FirstResults>map(db -> new SharedFirstResults(db, json, config.ttl(), Clock.systemUTC()))
                .orElseGet(() -> new MemoryFirstResults(config));
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
        results.complete(exchange.getProperty(KEY_PROPERTY, String.class), result);
    }

    public ResendResult replay(Exchange exchange) throws InterruptedException, TimeoutException {
        exchange.setProperty(RestResponses.REPLAYED, true);
        return results.await(exchange.getProperty(KEY_PROPERTY, String.class), waitForFirst);
    }

    /** Deletes expired keys (state-cleanup route); returns how many. */
    public int forgetExpired() {
        return results.forgetExpired();
    }

    @Override
    public boolean add(String key) {
        return results.claim(key);
    }

    @Override
    public boolean contains(String key) {
        return results.isClaimed(key);
    }

    @Override
    public boolean remove(String key) {
        return results.release(key);
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        results.clear();
    }
}

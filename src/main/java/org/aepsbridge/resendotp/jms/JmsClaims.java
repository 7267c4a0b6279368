package org.aepsbridge.resendotp.jms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.Optional;
import org.aepsbridge.resendotp.aopay.ResendResults;
import org.aepsbridge.resendotp.model.ResendRequest;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.rules.ResendRequests;
import org.aepsbridge.resendotp.state.Sql;
import org.aepsbridge.resendotp.state.StateDatabase;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Request messages seen, by their claim key ({@link JmsMessages#claimKey}: the JMSMessageID,
 * else the broker's own id for the message; both survive redeliveries and a broker restart): claimed
 * before the request goes to AOPay, completed with its (masked) result. The repository of
 * the idempotentConsumer in routes/jms.camel.yaml. A redelivered message, after a crash or
 * a failed reply, gets its first result again; one claimed but never finished may have
 * reached AOPay, so it ends as ERROR/INTERRUPTED instead of being sent again. Kept in the
 * state database (embedded H2 file, or the shared PostgreSQL database across replicas).
 */
@ApplicationScoped
@Named("jmsClaims")
public class JmsClaims extends ServiceSupport implements IdempotentRepository {

    private final AgroalDataSource db;
    private final ObjectMapper json;

    JmsClaims(StateDatabase state, ObjectMapper json) {
        this.db = state.durable();
        this.json = json;
    }

    @Override
    public boolean add(String messageId) {
        return Sql.claim(
                db,
                "INSERT INTO jms_claim (message_id, claimed_at_ms) VALUES (?, ?)",
                messageId,
                System.currentTimeMillis());
    }

    @Override
    public boolean contains(String messageId) {
        return stored(messageId).isPresent();
    }

    /** Never forgets a claim early: a request that may have reached AOPay must not be sent again. */
    @Override
    public boolean remove(String messageId) {
        return false;
    }

    @Override
    public boolean confirm(String messageId) {
        return true;
    }

    @Override
    public void clear() {
        // claims expire by age (state-cleanup route), never all at once
    }

    /** Stores the request's result: a redelivery of the message gets it again. */
    public void record(ResendResult result, Exchange exchange) throws JsonProcessingException {
        Sql.update(
                db,
                "UPDATE jms_claim SET result = ? WHERE message_id = ?",
                json.writeValueAsString(result),
                messageId(exchange));
    }

    /** The result for a message seen before: its stored result, or INTERRUPTED when it never got one. */
    public ResendResult earlierResult(Exchange exchange) throws JsonProcessingException {
        Optional<String> stored = stored(messageId(exchange)).flatMap(result -> result);
        if (stored.isPresent()) {
            return json.readValue(stored.get(), ResendResult.class);
        }
        ResendRequest request = ResendRequests.readIfPossible(
                        exchange.getMessage().getBody(String.class))
                .orElse(null);
        ResendResult interrupted = ResendResults.interrupted("request", request);
        record(interrupted, exchange);
        return interrupted;
    }

    /** Forgets claims older than {@code cutoff}; returns how many. */
    public int forgetClaimedBefore(Instant cutoff) {
        return Sql.update(db, "DELETE FROM jms_claim WHERE claimed_at_ms < ?", cutoff.toEpochMilli());
    }

    /** Empty when never claimed; else its result, empty while in flight (or cut short). */
    private Optional<Optional<String>> stored(String messageId) {
        return Sql.firstText(db, "SELECT result FROM jms_claim WHERE message_id = ?", messageId);
    }

    private static String messageId(Exchange exchange) {
        // the core drops all headers; the channel kept the id as a property when the message came in
        return exchange.getProperty(JmsMessages.CLAIM_KEY, String.class);
    }
}

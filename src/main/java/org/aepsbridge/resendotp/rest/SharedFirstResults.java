package org.aepsbridge.resendotp.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.state.Sql;

/**
 * Keys in the shared database (table idempotency_key), so a repeat that reaches another
 * replica gets the same first result. The first result is stored as its JSON (masked, as
 * every result is); a repeat while the first is in flight polls for it.
 */
final class SharedFirstResults implements FirstResults {

    private static final long POLL_MS = 25;

    private final DataSource db;
    private final ObjectMapper json;
    private final Duration ttl;
    private final Clock clock;

    SharedFirstResults(DataSource db, ObjectMapper json, Duration ttl, Clock clock) {
        this.db = db;
        this.json = json;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public boolean claim(String key) {
        long now = clock.millis();
        // One statement: a new key is inserted; an expired one the cleanup has not reached yet
        // is taken over (its old result dropped); a live one is left alone (0 rows: a repeat).
        return Sql.update(db, """
                INSERT INTO idempotency_key (idem_key, expires_at_ms) VALUES (?, ?)
                ON CONFLICT (idem_key) DO UPDATE SET result = NULL, expires_at_ms = EXCLUDED.expires_at_ms
                WHERE idempotency_key.expires_at_ms <= ?""", key, now + ttl.toMillis(), now) > 0;
    }

    @Override
    public boolean isClaimed(String key) {
        return stored(key).isPresent();
    }

    @Override
    public void complete(String key, ResendResult result) {
        try {
            Sql.update(
                    db,
                    "UPDATE idempotency_key SET result = ? WHERE idem_key = ?",
                    json.writeValueAsString(result),
                    key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result not storable", e);
        }
    }

    @Override
    public ResendResult await(String key, Duration timeout) throws TimeoutException, InterruptedException {
        Instant giveUp = clock.instant().plus(timeout);
        while (true) {
            Optional<Optional<String>> row = stored(key);
            if (row.isEmpty()) {
                throw new IllegalStateException("the first request with this key failed or its key expired");
            }
            if (row.get().isPresent()) {
                try {
                    return json.readValue(row.get().get(), ResendResult.class);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored result unreadable", e);
                }
            }
            if (clock.instant().isAfter(giveUp)) {
                throw new TimeoutException("the first request with this key is still in flight");
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Empty when there is no live key; else the stored result, empty while the first is in flight. */
    private Optional<Optional<String>> stored(String key) {
        return Sql.firstText(
                db, "SELECT result FROM idempotency_key WHERE idem_key = ? AND expires_at_ms > ?", key, clock.millis());
    }

    @Override
    public boolean release(String key) {
        return Sql.update(db, "DELETE FROM idempotency_key WHERE idem_key = ?", key) > 0;
    }

    @Override
    public void clear() {
        Sql.update(db, "DELETE FROM idempotency_key");
    }

    @Override
    public int forgetExpired() {
        return Sql.update(db, "DELETE FROM idempotency_key WHERE expires_at_ms <= ?", clock.millis());
    }
}

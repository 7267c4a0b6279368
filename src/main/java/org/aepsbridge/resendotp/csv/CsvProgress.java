package org.aepsbridge.resendotp.csv;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.aepsbridge.resendotp.aopay.ResendResults;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendRequest;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.state.Sql;
import org.aepsbridge.resendotp.state.StateDatabase;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The durable progress of CSV batches, one database row per CSV row: claimed before
 * the row goes to AOPay, completed with its (masked) result. It is the repository of
 * the idempotentConsumer in routes/file.camel.yaml, keyed {@code batchId:line}, so after
 * a crash or restart no row is sent twice and no row gets two results: a row claimed
 * but never completed may have reached AOPay, so it ends as ERROR/INTERRUPTED instead
 * of being sent again. Lives in the state database (StateDatabase): the embedded H2 file,
 * or the shared PostgreSQL database, where another replica can resume a file.
 */
@ApplicationScoped
@Named("csvProgress")
public class CsvProgress extends ServiceSupport implements IdempotentRepository {

    static final String BATCH_ID = "batchId";
    static final String LINE = "csvLine";

    private final AgroalDataSource db;

    CsvProgress(StateDatabase state) {
        this.db = state.durable();
    }

    // --- IdempotentRepository: key is "batchId:line" ---------------------------------

    @Override
    public boolean add(String key) {
        Key k = Key.of(key);
        return Sql.claim(
                db,
                "INSERT INTO csv_row_progress (batch_id, line, state, updated_at) VALUES (?, ?, 'STARTED', ?)",
                k.batch,
                k.line,
                Timestamp.from(Instant.now()));
    }

    @Override
    public boolean contains(String key) {
        Key k = Key.of(key);
        return Sql.firstText(db, "SELECT state FROM csv_row_progress WHERE batch_id = ? AND line = ?", k.batch, k.line)
                .isPresent();
    }

    /** Never forgets a claimed row: a row that may have reached AOPay must not be sent again. */
    @Override
    public boolean remove(String key) {
        return false;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        // progress is dropped per batch by retention, never all at once
    }

    // --- Results ----------------------------------------------------------------------

    /** Stores a row's result; from now on a repeat of the row gets this result back. */
    public void record(ResendResult result, Exchange exchange) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement u = c.prepareStatement("""
                     UPDATE csv_row_progress SET state = 'DONE', outcome = ?, registration_id = ?, primary_key_id = ?,
                       encode_txn_id = ?, masked_mobile = ?, masked_aadhaar = ?, message = ?, response_code = ?, updated_at = ?
                     WHERE batch_id = ? AND line = ?""")) {
            u.setString(1, result.outcome().name());
            u.setString(2, clip(result.registrationId(), 128));
            u.setString(3, clip(result.primaryKeyId(), 128));
            u.setString(4, clip(result.encodeTxnId(), 128));
            u.setString(5, result.maskedMobile());
            u.setString(6, result.maskedAadhaar());
            u.setString(7, clip(result.message(), 2000));
            if (result.responseCode() == null) {
                u.setNull(8, java.sql.Types.INTEGER);
            } else {
                u.setInt(8, result.responseCode());
            }
            u.setTimestamp(9, Timestamp.from(Instant.now()));
            u.setString(10, exchange.getProperty(BATCH_ID, String.class));
            u.setLong(11, exchange.getProperty(LINE, Long.class));
            u.executeUpdate();
        }
    }

    /** The result of a row seen before: its stored result, or INTERRUPTED when it was claimed but never finished. */
    public ResendResult earlierResult(Exchange exchange) throws SQLException {
        String batch = exchange.getProperty(BATCH_ID, String.class);
        long line = exchange.getProperty(LINE, Long.class);
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("""
                     SELECT state, outcome, registration_id, primary_key_id, encode_txn_id, masked_mobile, masked_aadhaar,
                            message, response_code FROM csv_row_progress WHERE batch_id = ? AND line = ?""")) {
            q.setString(1, batch);
            q.setLong(2, line);
            try (ResultSet r = q.executeQuery()) {
                if (r.next() && "DONE".equals(r.getString("state"))) {
                    Integer code = r.getObject("response_code") == null ? null : r.getInt("response_code");
                    return ResendResult.of(Outcome.valueOf(r.getString("outcome")), r.getString("message"))
                            .correlation(
                                    r.getString("registration_id"),
                                    r.getString("primary_key_id"),
                                    r.getString("encode_txn_id"))
                            .masked(r.getString("masked_mobile"), r.getString("masked_aadhaar"))
                            .answer(null, null, code, null)
                            .build();
                }
            }
        }
        ResendResult interrupted =
                ResendResults.interrupted("row", exchange.getMessage().getBody(ResendRequest.class));
        record(interrupted, exchange);
        return interrupted;
    }

    /** Every row's result in line order, as the result file lists them. */
    public void forEachResult(String batch, ResultRowWriter writer) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("""
                     SELECT line, registration_id, primary_key_id, encode_txn_id, masked_mobile, masked_aadhaar,
                            outcome, message, response_code FROM csv_row_progress WHERE batch_id = ? ORDER BY line""")) {
            q.setFetchSize(500);
            q.setString(1, batch);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    writer.write(
                            r.getLong(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getString(6),
                            r.getString(7),
                            r.getString(8),
                            (Integer) r.getObject(9));
                }
            }
        }
    }

    /** Rows per outcome of a batch. */
    public Map<Outcome, Long> countByOutcome(String batch) throws SQLException {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT outcome, COUNT(*) FROM csv_row_progress WHERE batch_id = ? AND outcome IS NOT NULL GROUP BY outcome")) {
            q.setString(1, batch);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    counts.put(Outcome.valueOf(r.getString(1)), r.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Drops the progress of batches finished longer ago than the retention. */
    public int forgetOlderThan(Instant cutoff) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement d = c.prepareStatement("""
                     DELETE FROM csv_row_progress WHERE batch_id IN (
                       SELECT batch_id FROM csv_row_progress GROUP BY batch_id HAVING MAX(updated_at) < ?)""")) {
            d.setTimestamp(1, Timestamp.from(cutoff));
            return d.executeUpdate();
        }
    }

    /** Receives one result row. */
    @FunctionalInterface
    public interface ResultRowWriter {
        void write(
                long line,
                String registrationId,
                String primaryKeyId,
                String encodeTxnId,
                String maskedMobile,
                String maskedAadhaar,
                String outcome,
                String message,
                Integer responseCode)
                throws SQLException;
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private record Key(String batch, long line) {
        static Key of(String key) {
            int colon = key.lastIndexOf(':');
            return new Key(key.substring(0, colon), Long.parseLong(key.substring(colon + 1)));
        }
    }
}

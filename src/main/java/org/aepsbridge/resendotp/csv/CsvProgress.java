package org.aepsbridge.resendotp.csv;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.aepsbridge.resendotp.aopay.ResendResults;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendRequest;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.state.Sql;
import org.aepsbridge.resendotp.state.StateDatabase;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.jboss.logging.Logger;

/**
 * The durable progress of CSV batches, one database row per CSV row: claimed before
 * the row goes to AOPay, completed with its (masked) result. It is the repository of
 * the idempotentConsumer in routes/file.camel.yaml, keyed {@code batchId:line}, so after
 * a crash or restart no row is sent twice and no row gets two results: a row claimed
 * but never completed may have reached AOPay, so it ends as ERROR/INTERRUPTED instead
 * of being sent again. Lives in the state database (StateDatabase): the embedded H2 file,
 * or the shared PostgreSQL database, where another replica can resume a file.
 *
 * <p>Rows are claimed in groups and results written behind, about one commit per
 * {@code aopay.file.claim-group} rows, because the embedded store appends a chunk of whole
 * blocks on every commit and keeps old chunks for 45 s (docs/benchmarks.md): the reader's rows
 * pass through {@link #claimingAhead}, which claims the next group in one transaction before
 * it hands out its first row, and writes in that same transaction the results recorded since
 * the group before. A claim made ahead is taken by {@link #add}; a result is kept in memory
 * until then ({@link #record}), and every reader of results writes the waiting ones first. A
 * {@code kill -9} loses only what a restart turns into INTERRUPTED anyway: claimed rows not
 * yet sent and sent rows whose result was not yet written.
 */
@ApplicationScoped
@Named("csvProgress")
public class CsvProgress extends ServiceSupport implements IdempotentRepository {

    static final String BATCH_ID = "batchId";
    static final String LINE = "csvLine";

    private static final Logger LOG = Logger.getLogger(CsvProgress.class);

    private final DataSource db;
    private final int groupSize;
    /** Keys claimed ahead by this process and not yet taken by {@link #add}: rows that have not gone to AOPay. */
    private final Set<String> claimedAhead = ConcurrentHashMap.newKeySet();
    /** Results recorded and not yet written, in the order they were recorded; guarded by itself. */
    private final List<Unwritten> unwritten = new ArrayList<>();
    /** One write of results at a time, so that results are written in the order they were recorded. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Rows claimed ahead and held by a {@link RowsClaimedAhead}, of every file open: at most one group (and one a file). */
    private final AtomicInteger claimedNotHandedOut = new AtomicInteger();

    @Inject
    CsvProgress(StateDatabase state, FileSettings settings) {
        this(state.durable(), settings.claimGroup());
    }

    CsvProgress(DataSource db, int claimGroup) {
        this.db = db;
        this.groupSize = Math.max(1, claimGroup);
    }

    // --- IdempotentRepository: key is "batchId:line" ---------------------------------

    /** True when the row is this caller's to send: claimed ahead by {@link #claimingAhead}, or claimed now; false when seen before. */
    @Override
    public boolean add(String key) {
        if (claimedAhead.remove(key)) {
            return true;
        }
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

    /** The route stopped: the results of the rows it finished are written now (a kill -9 would leave them INTERRUPTED). */
    @Override
    protected void doStop() {
        writeResultsQuietly();
    }

    @PreDestroy
    void writeResultsQuietly() {
        try {
            writeResults();
        } catch (RuntimeException | SQLException e) {
            LOG.warnf(
                    "CSV progress: results of %d rows could not be written before the stop (they end INTERRUPTED on restart): %s",
                    waiting(), e.getMessage());
        }
    }

    // --- Claims in groups ---------------------------------------------------------------

    /**
     * The rows of a batch, each claimed before it is handed out: the next {@code aopay.file.claim-group}
     * rows are read ahead and claimed in one transaction, which writes the results waiting too. Only
     * the rows the reader hands out are claimed, by their line (never the header). A row claimed by an
     * earlier run is not claimed again: {@link #add} finds it seen. Claims made ahead for this batch by
     * an earlier attempt that never handed them out are dropped (those rows end INTERRUPTED, never sent).
     */
    public <R extends Iterator<CsvRow> & Closeable> RowsClaimedAhead claimingAhead(String batch, R rows)
            throws SQLException {
        forgetClaimsAhead(batch);
        writeResults();
        return new RowsClaimedAhead(batch, rows);
    }

    /** Drops the claims made ahead for a batch and not taken (its file ended or failed). */
    public void forgetClaimsAhead(String batch) {
        claimedAhead.removeIf(key -> key.startsWith(batch + ":"));
    }

    /**
     * One transaction: the waiting results, then a STARTED claim for each of these lines of the batch
     * that has none yet. When it fails, nothing is claimed ahead (each row is then claimed by
     * {@link #add} on its own, as a repeat would be) and the results wait for the next write.
     */
    private void claim(String batch, List<Long> lines) {
        writing.lock();
        List<Unwritten> results = takeWaiting();
        try {
            List<Long> fresh = new ArrayList<>();
            Sql.inOneTransaction(db, c -> {
                update(c, results);
                fresh.addAll(insertClaims(c, batch, lines));
                return null;
            });
            fresh.forEach(line -> claimedAhead.add(batch + ":" + line));
        } catch (SQLException | RuntimeException e) {
            putBack(results);
            LOG.warnf(
                    "CSV progress: could not claim lines %d-%d of batch %s as a group, each row is claimed on its own: %s",
                    lines.get(0), lines.get(lines.size() - 1), batch, e.getMessage());
        } finally {
            writing.unlock();
        }
    }

    /** A STARTED claim for each of these lines (in ascending order) that has none yet; returns the lines claimed. */
    private static List<Long> insertClaims(Connection c, String batch, List<Long> lines) throws SQLException {
        Set<Long> seen = new HashSet<>();
        try (PreparedStatement q =
                c.prepareStatement("SELECT line FROM csv_row_progress WHERE batch_id = ? AND line BETWEEN ? AND ?")) {
            q.setString(1, batch);
            q.setLong(2, lines.get(0));
            q.setLong(3, lines.get(lines.size() - 1));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    seen.add(r.getLong(1));
                }
            }
        }
        List<Long> fresh = lines.stream().filter(line -> !seen.contains(line)).toList();
        if (!fresh.isEmpty()) {
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement i = c.prepareStatement(
                    "INSERT INTO csv_row_progress (batch_id, line, state, updated_at) VALUES (?, ?, 'STARTED', ?)")) {
                for (long line : fresh) {
                    i.setString(1, batch);
                    i.setLong(2, line);
                    i.setTimestamp(3, now);
                    i.addBatch();
                }
                i.executeBatch();
            }
        }
        return fresh;
    }

    // --- Results ----------------------------------------------------------------------

    /**
     * Keeps a row's result to be written with the next group's claims (or by the next reader of
     * results); from then on a repeat of the row gets this result back.
     */
    public void record(ResendResult result, Exchange exchange) {
        Unwritten row = new Unwritten(
                exchange.getProperty(BATCH_ID, String.class),
                exchange.getProperty(LINE, Long.class),
                result.outcome().name(),
                clip(result.registrationId(), 128),
                clip(result.primaryKeyId(), 128),
                clip(result.encodeTxnId(), 128),
                result.maskedMobile(),
                result.maskedAadhaar(),
                clip(result.message(), 2000),
                result.responseCode(),
                Timestamp.from(Instant.now()));
        synchronized (unwritten) {
            unwritten.add(row);
        }
    }

    /** Writes every result recorded so far, in one transaction (none when there is none). */
    public void writeResults() throws SQLException {
        writing.lock();
        List<Unwritten> results = takeWaiting();
        try {
            if (!results.isEmpty()) {
                Sql.inOneTransaction(db, c -> {
                    update(c, results);
                    return null;
                });
            }
        } catch (SQLException | RuntimeException e) {
            putBack(results);
            throw e;
        } finally {
            writing.unlock();
        }
    }

    /** Results recorded and not yet written. */
    int waiting() {
        synchronized (unwritten) {
            return unwritten.size();
        }
    }

    private List<Unwritten> takeWaiting() {
        synchronized (unwritten) {
            List<Unwritten> taken = new ArrayList<>(unwritten);
            unwritten.clear();
            return taken;
        }
    }

    /** Results whose write failed go back before the ones recorded meanwhile: the order stays that of recording. */
    private void putBack(List<Unwritten> results) {
        if (!results.isEmpty()) {
            synchronized (unwritten) {
                unwritten.addAll(0, results);
            }
        }
    }

    private static void update(Connection c, List<Unwritten> results) throws SQLException {
        if (results.isEmpty()) {
            return;
        }
        try (PreparedStatement u = c.prepareStatement("""
                     UPDATE csv_row_progress SET state = 'DONE', outcome = ?, registration_id = ?, primary_key_id = ?,
                       encode_txn_id = ?, masked_mobile = ?, masked_aadhaar = ?, message = ?, response_code = ?, updated_at = ?
                     WHERE batch_id = ? AND line = ?""")) {
            for (Unwritten row : results) {
                u.setString(1, row.outcome);
                u.setString(2, row.registrationId);
                u.setString(3, row.primaryKeyId);
                u.setString(4, row.encodeTxnId);
                u.setString(5, row.maskedMobile);
                u.setString(6, row.maskedAadhaar);
                u.setString(7, row.message);
                if (row.responseCode == null) {
                    u.setNull(8, java.sql.Types.INTEGER);
                } else {
                    u.setInt(8, row.responseCode);
                }
                u.setTimestamp(9, row.at);
                u.setString(10, row.batch);
                u.setLong(11, row.line);
                u.addBatch();
            }
            u.executeBatch();
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

    /** Every row's result in line order, as the result file lists them (the results waiting are written first). */
    public void forEachResult(String batch, ResultRowWriter writer) throws SQLException {
        writeResults();
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

    /** Rows per outcome of a batch (the results waiting are written first). */
    public Map<Outcome, Long> countByOutcome(String batch) throws SQLException {
        writeResults();
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

    /** A result recorded and not yet written. */
    private record Unwritten(
            String batch,
            long line,
            String outcome,
            String registrationId,
            String primaryKeyId,
            String encodeTxnId,
            String maskedMobile,
            String maskedAadhaar,
            String message,
            Integer responseCode,
            Timestamp at) {}

    /** A batch's rows, each claimed before it is handed out (see {@link #claimingAhead}). Closing it closes the rows. */
    public final class RowsClaimedAhead implements Iterator<CsvRow>, Closeable {
        private final String batch;
        private final Iterator<CsvRow> rows;
        private final Closeable source;
        private final ArrayDeque<CsvRow> claimed = new ArrayDeque<>();

        private <R extends Iterator<CsvRow> & Closeable> RowsClaimedAhead(String batch, R rows) {
            this.batch = batch;
            this.rows = rows;
            this.source = rows;
        }

        @Override
        public boolean hasNext() {
            if (claimed.isEmpty()) {
                // Camel's parallel split goes on with the next file before this one is through: the rows
                // claimed ahead, of all files together, stay within one group (each file gets at least one)
                writing.lock();
                try {
                    int room = Math.max(1, groupSize - claimedNotHandedOut.get());
                    List<Long> lines = new ArrayList<>(room);
                    while (claimed.size() < room && rows.hasNext()) {
                        CsvRow row = rows.next();
                        claimed.add(row);
                        lines.add(row.line());
                    }
                    if (!lines.isEmpty()) {
                        claim(batch, lines);
                        claimedNotHandedOut.addAndGet(lines.size());
                    }
                } finally {
                    writing.unlock();
                }
            }
            return !claimed.isEmpty();
        }

        @Override
        public CsvRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            claimedNotHandedOut.decrementAndGet();
            return claimed.poll();
        }

        /** Camel closes it when the split ends, however it ends: rows still held are handed out never (they end INTERRUPTED). */
        @Override
        public void close() throws IOException {
            claimedNotHandedOut.addAndGet(-claimed.size());
            claimed.clear();
            source.close();
        }
    }

    private record Key(String batch, long line) {
        static Key of(String key) {
            int colon = key.lastIndexOf(':');
            return new Key(key.substring(0, colon), Long.parseLong(key.substring(colon + 1)));
        }
    }
}

package org.aepsbridge.resendotp.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.Closeable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendRequest;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.state.StateDatabase;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The progress store claims rows in groups and writes results behind (CsvProgress), on the
 * bundle's own state database: the commits a file costs, counted at the JDBC level; what a
 * crash (the store dropped without writing what it holds in memory) leaves to the restart;
 * and that only lines that are rows are claimed. No AOPay here: "sent" is what the route
 * would send, a row {@link CsvProgress#add} gave to this caller.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class CsvProgressGroupsTest {

    static final int GROUP = 4;
    /**
     * The lines of a file's rows as a reader could hand them out: the header is line 1, and numbers
     * need not follow each other (4, 7, 8, 12 and 13 are no rows): a claim is made for each row handed
     * out, never for a line between.
     */
    static final List<Long> LINES = List.of(2L, 3L, 5L, 6L, 9L, 10L, 11L, 14L, 15L, 16L);

    @Inject
    StateDatabase state;

    @Inject
    CamelContext camel;

    @Test
    void aFileCostsOneCommitPerGroupOfRowsAndOneForTheLastResults() throws Exception {
        Commits commits = new Commits(state.durable());
        CsvProgress progress = new CsvProgress(commits.counted(), GROUP);
        String batch = batch();

        Map<Long, Integer> sent = sendEveryRow(progress, batch, progress.claimingAhead(batch, rows(LINES)));
        List<String> results = resultFile(progress, batch);

        // 10 rows in groups of 4: 3 group commits (each with the results finished since), 1 for the last results
        assertEquals(3 + 1, commits.count(), "commits for " + LINES.size() + " rows in groups of " + GROUP);
        assertEquals(LINES.size(), sent.size(), "every row sent");
        assertEquals(LINES, linesInStore(batch), "only the lines that are rows are claimed");
        assertEquals(LINES.stream().map(line -> line + " SUCCESS").toList(), results, "every result, in line order");
    }

    @Test
    void aResultIsWrittenWithTheNextGroupsClaims() throws Exception {
        CsvProgress first = new CsvProgress(state.durable(), GROUP);
        String batch = batch();
        CsvProgress.RowsClaimedAhead rows = first.claimingAhead(batch, rows(LINES));
        for (int i = 0; i < GROUP; i++) {
            sendAndRecord(first, batch, rows.next());
        }
        rows.hasNext(); // the second group is claimed, and the first group's results written with it
        // kill -9 here: the first store's memory is gone

        CsvProgress second = new CsvProgress(state.durable(), GROUP);
        Map<Long, Integer> sentAgain = sendEveryRow(second, batch, second.claimingAhead(batch, rows(LINES)));
        List<String> results = resultFile(second, batch);

        List<String> expected = new ArrayList<>();
        LINES.subList(0, GROUP).forEach(line -> expected.add(line + " SUCCESS"));
        LINES.subList(GROUP, 2 * GROUP).forEach(line -> expected.add(line + " ERROR INTERRUPTED"));
        LINES.subList(2 * GROUP, LINES.size()).forEach(line -> expected.add(line + " SUCCESS"));
        assertEquals(expected, results, "written results kept; the claimed group not sent ends INTERRUPTED");
        assertEquals(LINES.subList(2 * GROUP, LINES.size()), List.copyOf(sentAgain.keySet()), "sent after the restart");
    }

    @Test
    void rowsClaimedButNotSentAndResultsNotWrittenEndInterruptedAndAreNeverSentAgain() throws Exception {
        CsvProgress first = new CsvProgress(state.durable(), GROUP);
        String batch = batch();
        CsvProgress.RowsClaimedAhead rows = first.claimingAhead(batch, rows(LINES));
        Map<Long, Integer> sent = new TreeMap<>();
        // the first group (lines 2, 3, 5, 6) is claimed; line 2 is sent and its result recorded, line 3 is on its way
        CsvRow finished = rows.next();
        assertEquals(true, first.add(key(batch, finished.line())));
        sent.merge(finished.line(), 1, Integer::sum);
        first.record(success(finished.line()), exchange(batch, finished.line()));
        CsvRow onItsWay = rows.next();
        assertEquals(true, first.add(key(batch, onItsWay.line())));
        sent.merge(onItsWay.line(), 1, Integer::sum);
        assertEquals(1, first.waiting(), "the result is not written yet");
        // kill -9 here: lines 5 and 6 were claimed and never sent, line 2's result was never written

        CsvProgress second = new CsvProgress(state.durable(), GROUP);
        sendEveryRow(second, batch, second.claimingAhead(batch, rows(LINES)))
                .forEach((line, times) -> sent.merge(line, times, Integer::sum));
        List<String> results = resultFile(second, batch);

        List<String> expected = new ArrayList<>();
        LINES.subList(0, GROUP).forEach(line -> expected.add(line + " ERROR INTERRUPTED"));
        LINES.subList(GROUP, LINES.size()).forEach(line -> expected.add(line + " SUCCESS"));
        assertEquals(expected, results, "every row one result, in line order");
        List<Long> everyLineOnce = new ArrayList<>(List.of(2L, 3L));
        everyLineOnce.addAll(LINES.subList(GROUP, LINES.size()));
        assertEquals(everyLineOnce, List.copyOf(sent.keySet()), "lines that reached AOPay");
        assertEquals(List.of(1), sent.values().stream().distinct().toList(), "no line sent twice");
    }

    @Test
    void theRowsClaimedAheadOfAllOpenFilesStayWithinOneGroup() throws Exception {
        CsvProgress progress = new CsvProgress(state.durable(), GROUP);
        String first = batch();
        String second = batch() + "-second";
        CsvProgress.RowsClaimedAhead firstRows = progress.claimingAhead(first, rows(LINES));
        CsvProgress.RowsClaimedAhead secondRows = progress.claimingAhead(second, rows(LINES));

        firstRows.hasNext();
        secondRows.hasNext();
        assertEquals(LINES.subList(0, GROUP), linesInStore(first), "the first file claims a group");
        assertEquals(LINES.subList(0, 1), linesInStore(second), "the second file, opened meanwhile, one row");

        for (int i = 0; i < GROUP; i++) {
            sendAndRecord(progress, first, firstRows.next());
        }
        firstRows.hasNext();
        assertEquals(LINES.subList(0, 2 * GROUP - 1), linesInStore(first), "the group less the second file's row");

        secondRows.close(); // its split ended: the row it held is given up (never sent)
        firstRows.next();
        firstRows.next();
        firstRows.next(); // hands out the last row it held
        firstRows.hasNext();
        assertEquals(
                LINES.subList(0, LINES.size()), linesInStore(first), "a whole group again, as far as the file goes");
    }

    // --- the route's part, by hand ------------------------------------------------------------

    /** What routes/file.camel.yaml does for each row: the idempotentConsumer's add, then send and record, or the earlier result. */
    Map<Long, Integer> sendEveryRow(CsvProgress progress, String batch, Iterator<CsvRow> rows) throws SQLException {
        Map<Long, Integer> sent = new TreeMap<>();
        while (rows.hasNext()) {
            CsvRow row = rows.next();
            if (progress.add(key(batch, row.line()))) {
                sent.merge(row.line(), 1, Integer::sum);
                progress.record(success(row.line()), exchange(batch, row.line()));
            } else {
                progress.earlierResult(exchange(batch, row.line()));
            }
        }
        return sent;
    }

    void sendAndRecord(CsvProgress progress, String batch, CsvRow row) {
        assertEquals(true, progress.add(key(batch, row.line())), "line " + row.line() + " is this caller's to send");
        progress.record(success(row.line()), exchange(batch, row.line()));
    }

    /** The result file's rows as "line outcome[ cause]", from the store as CsvBatches.finish reads them. */
    static List<String> resultFile(CsvProgress progress, String batch) throws SQLException {
        List<String> rows = new ArrayList<>();
        progress.forEachResult(
                batch,
                (line, reg, pk, txn, mobile, aadhaar, outcome, message, code) -> rows.add(line + " " + outcome
                        + (message != null && message.contains("stopped while") ? " INTERRUPTED" : "")));
        return rows;
    }

    Exchange exchange(String batch, long line) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(CsvProgress.BATCH_ID, batch);
        exchange.setProperty(CsvProgress.LINE, line);
        ResendRequest request = new ResendRequest();
        request.setPrimaryKeyId("row-" + line);
        request.setEncodeTxnId("DEMO");
        request.setRegistrationId("AOP-554");
        exchange.getMessage().setBody(request);
        return exchange;
    }

    static ResendResult success(long line) {
        return ResendResult.of(Outcome.SUCCESS, "OTP Resend Request Completed")
                .correlation("AOP-554", "row-" + line, "DEMO")
                .build();
    }

    static String key(String batch, long line) {
        return batch + ":" + line;
    }

    static String batch() {
        return "groups-" + System.nanoTime();
    }

    List<Long> linesInStore(String batch) throws SQLException {
        List<Long> lines = new ArrayList<>();
        try (Connection c = state.durable().getConnection();
                PreparedStatement q =
                        c.prepareStatement("SELECT line FROM csv_row_progress WHERE batch_id = ? ORDER BY line")) {
            q.setString(1, batch);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    lines.add(r.getLong(1));
                }
            }
        }
        return lines;
    }

    /** The rows of a file with these line numbers, as CsvBatchReader hands them out. */
    static RowSource rows(List<Long> lines) {
        return new RowSource(lines.stream()
                .map(line -> new CsvRow(line, new ResendRequest(), null))
                .iterator());
    }

    record RowSource(Iterator<CsvRow> rows) implements Iterator<CsvRow>, Closeable {
        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public CsvRow next() {
            return rows.next();
        }

        @Override
        public void close() {}
    }

    /**
     * Counts commits at the JDBC level: each {@code commit()}, and each statement run in
     * auto-commit mode that may write (every executeUpdate, executeBatch and execute).
     */
    static final class Commits {
        private final DataSource db;
        private final AtomicInteger count = new AtomicInteger();

        Commits(DataSource db) {
            this.db = db;
        }

        int count() {
            return count.get();
        }

        DataSource counted() {
            return (DataSource) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        Object result = invoke(db, method, args);
                        return method.getName().equals("getConnection") ? connection((Connection) result) : result;
                    });
        }

        private Connection connection(Connection c) {
            return (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commit")) {
                            count.incrementAndGet();
                        }
                        Object result = invoke(c, method, args);
                        return result instanceof PreparedStatement statement ? statement(c, statement) : result;
                    });
        }

        private PreparedStatement statement(Connection c, PreparedStatement s) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().startsWith("execute")
                        && !method.getName().equals("executeQuery")
                        && c.getAutoCommit()) {
                    count.incrementAndGet();
                }
                return invoke(s, method, args);
            };
            return (PreparedStatement) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}

package org.aepsbridge.resendotp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commit of the state store's writes (JMS claims and results), on an H2 file opened as
 * the bundle opens it ({@code WRITE_DELAY=0}): one key claimed by one caller only, every write of a
 * group committed before any of its callers returns, a failure kept to its own write unless the
 * group's commit fails.
 */
class GroupCommitTest {

    private static final String CLAIM = "INSERT INTO jms_claim (message_id, claimed_at_ms) VALUES (?, ?)";

    @TempDir
    Path dir;

    private JdbcConnectionPool pool;
    private GroupCommit writes;
    private ExecutorService callers;

    @BeforeEach
    void openStore() throws SQLException {
        pool = JdbcConnectionPool.create(url(dir.resolve("progress")), "", "");
        pool.setMaxConnections(40);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE jms_claim (message_id VARCHAR(255) NOT NULL PRIMARY KEY,"
                    + " result VARCHAR(20000), claimed_at_ms BIGINT NOT NULL)");
        }
        writes = new GroupCommit(pool);
        callers = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void closeStore() {
        callers.shutdownNow();
        pool.dispose();
    }

    @Test
    void concurrentClaimsOfOneKeyExactlyOneWins() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            claims.add(callers.submit(() -> {
                start.await();
                return writes.claim(CLAIM, "ID:one", 1L);
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> claim : claims) {
            won += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, won, "exactly one of 16 concurrent claims of one key wins");
        assertEquals(1, rows("SELECT COUNT(*) FROM jms_claim"));
    }

    @Test
    void aGroupIsCommittedToTheFileBeforeAnyOfItsCallersReturns() throws Exception {
        writes.claim(CLAIM, "ID:taken", 1L);
        CountDownLatch leaderInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The first caller leads a group of its own and holds it open until the others are queued.
        Future<Integer> first = callers.submit(() -> writes.write(c -> {
            leaderInside.countDown();
            hold(release);
            return update(c, "INSERT INTO jms_claim (message_id, claimed_at_ms) VALUES ('ID:a', 2)");
        }));
        assertTrue(leaderInside.await(30, TimeUnit.SECONDS));
        // Each of these checks, the moment its call returns, that its own claim is visible to another session.
        List<Future<Boolean>> followers = new ArrayList<>();
        for (String key : List.of("ID:b", "ID:c", "ID:taken", "ID:d")) {
            followers.add(callers.submit(() -> {
                boolean claimed = writes.claim(CLAIM, key, 3L);
                return claimed && committedElsewhere(key);
            }));
        }
        while (writes.waiting() < 4) {
            Thread.onSpinWait();
        }
        release.countDown();

        assertEquals(1, first.get(30, TimeUnit.SECONDS));
        assertTrue(followers.get(0).get(30, TimeUnit.SECONDS), "ID:b committed when its caller returned");
        assertTrue(followers.get(1).get(30, TimeUnit.SECONDS), "ID:c committed when its caller returned");
        assertFalse(followers.get(2).get(30, TimeUnit.SECONDS), "a key claimed before is taken");
        assertTrue(followers.get(3).get(30, TimeUnit.SECONDS), "ID:d committed when its caller returned");
        assertEquals(3, writes.groups(), "the claim before, the held group, and one group for the four queued");
        assertEquals(6, writes.writes());

        // What a kill -9 at this moment would leave: the file as it is, copied while the store is open.
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        Files.copy(dir.resolve("progress.mv.db"), copy.resolve("progress.mv.db"));
        try (Connection c = DriverManager.getConnection(url(copy.resolve("progress")));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT message_id FROM jms_claim ORDER BY message_id")) {
            List<String> keys = new ArrayList<>();
            while (r.next()) {
                keys.add(r.getString(1));
            }
            assertEquals(List.of("ID:a", "ID:b", "ID:c", "ID:d", "ID:taken"), keys);
        }
    }

    @Test
    void aGroupWhoseCommitFailsKeepsNoneOfItsWritesAndFailsEachCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> first = groupHeldOpenUntil(release);
        Future<Boolean> claim = callers.submit(() -> writes.claim(CLAIM, "ID:lost", 1L));
        while (writes.waiting() < 1) {
            Thread.onSpinWait();
        }
        Future<Integer> broken = callers.submit(() -> writes.write(c -> {
            throw new IllegalStateException("a fault in a write");
        }));
        while (writes.waiting() < 2) {
            Thread.onSpinWait();
        }
        release.countDown();

        assertEquals(0, first.get(30, TimeUnit.SECONDS));
        Exception claimFailure = assertThrows(Exception.class, () -> claim.get(30, TimeUnit.SECONDS));
        assertTrue(claimFailure.getCause() instanceof IllegalStateException, claimFailure::toString);
        assertThrows(Exception.class, () -> broken.get(30, TimeUnit.SECONDS));
        assertEquals(0, rows("SELECT COUNT(*) FROM jms_claim"), "the failed group's claim is not kept");
        assertTrue(writes.claim(CLAIM, "ID:lost", 2L), "so the key can still be claimed");
    }

    @Test
    void aWriteThatFailsLeavesTheOthersOfItsGroupCommitted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> first = groupHeldOpenUntil(release);
        Future<Integer> badStatement = callers.submit(() -> writes.update("UPDATE no_such_table SET x = 1"));
        while (writes.waiting() < 1) {
            Thread.onSpinWait();
        }
        Future<Boolean> claim = callers.submit(() -> writes.claim(CLAIM, "ID:kept", 1L));
        while (writes.waiting() < 2) {
            Thread.onSpinWait();
        }
        release.countDown();

        assertEquals(0, first.get(30, TimeUnit.SECONDS));
        Exception failure = assertThrows(Exception.class, () -> badStatement.get(30, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof Sql.StateUnavailableException, failure::toString);
        assertTrue(claim.get(30, TimeUnit.SECONDS));
        assertEquals(1, rows("SELECT COUNT(*) FROM jms_claim WHERE message_id = 'ID:kept'"));
    }

    /** A first caller that leads a group of its own (writing nothing) and holds it open until released. */
    private Future<Integer> groupHeldOpenUntil(CountDownLatch release) throws InterruptedException {
        CountDownLatch leaderInside = new CountDownLatch(1);
        Future<Integer> first = callers.submit(() -> writes.write(c -> {
            leaderInside.countDown();
            hold(release);
            return 0;
        }));
        assertTrue(leaderInside.await(30, TimeUnit.SECONDS));
        return first;
    }

    /** Holds a group open (a write may only throw SQLException). */
    private static void hold(CountDownLatch release) {
        try {
            assertTrue(release.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String url(Path file) {
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    private boolean committedElsewhere(String key) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(dir.resolve("progress")));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM jms_claim WHERE message_id = '" + key + "'")) {
            r.next();
            return r.getInt(1) == 1;
        }
    }

    private long rows(String query) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }
}

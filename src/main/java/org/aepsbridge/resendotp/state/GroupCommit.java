package org.aepsbridge.resendotp.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.aepsbridge.resendotp.state.Sql.StateUnavailableException;

/**
 * Writes of concurrent callers committed together, with no added delay (a leader/follower group
 * commit). Each caller queues its statement and waits for the one lock; whoever holds it runs
 * every statement queued so far in one transaction and commits once, then each caller of that
 * group returns: only after the commit that holds its own write has succeeded, so on return its
 * write is as durable as an auto-committed statement would be. A caller whose write a leader
 * before it committed returns at once; one whose write failed (a key taken, a broken statement)
 * gets its own failure, and the others of its group are not touched by it. When the commit
 * itself fails, every caller of the group gets that failure and none of their writes stays.
 *
 * <p>Why: the embedded H2 store writes a whole chunk to its file at every commit
 * ({@code WRITE_DELAY=0}, for kill -9 safety), about 13 KB however small the change, so
 * the 16 JMS consumers' claims and results cost a chunk each; committed together, a chunk holds
 * the writes of every caller that arrived while the previous group was being written.
 * docs/benchmarks.md, "JMS: the claim store's commits".
 */
public final class GroupCommit {

    /** One caller's write: runs on the group's connection, inside the group's transaction. */
    @FunctionalInterface
    public interface Write<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource db;
    private final Queue<Pending<?>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock leader = new ReentrantLock();
    private final LongAdder groups = new LongAdder();
    private final LongAdder writes = new LongAdder();
    /** Null until the first group has looked at the database. */
    private Boolean savepointEachWrite;

    public GroupCommit(DataSource db) {
        this.db = db;
    }

    /** Runs an INSERT that claims a key; false when the key is taken already (by a commit before, or earlier in the same group). */
    public boolean claim(String insert, Object... parameters) {
        try {
            update(insert, parameters);
            return true;
        } catch (StateUnavailableException e) {
            if (Sql.isDuplicateKey(e.getCause())) {
                return false;
            }
            throw e;
        }
    }

    /** Runs an INSERT, UPDATE or DELETE and returns the rows it touched, once committed. */
    public int update(String sql, Object... parameters) {
        return write(c -> {
            try (PreparedStatement u = Sql.prepare(c, sql, parameters)) {
                return u.executeUpdate();
            }
        });
    }

    /**
     * Runs {@code write} in the next group and returns its result once the group has committed.
     *
     * @throws StateUnavailableException when the write or the group's commit failed
     */
    public <T> T write(Write<T> write) {
        Pending<T> mine = new Pending<>(write);
        queued.add(mine);
        leader.lock();
        try {
            // A leader before us may have taken our write into its group (and completed it).
            if (!mine.done) {
                commitQueued();
            }
        } finally {
            leader.unlock();
        }
        return mine.outcome();
    }

    /** Groups committed so far (a group holds one write or more). */
    public long groups() {
        return groups.sum();
    }

    /** Writes committed or failed so far, in all groups. */
    public long writes() {
        return writes.sum();
    }

    /** Writes waiting for the next group (for tests). */
    int waiting() {
        return queued.size();
    }

    private void commitQueued() {
        List<Pending<?>> group = new ArrayList<>();
        for (Pending<?> next; (next = queued.poll()) != null; ) {
            group.add(next);
        }
        groups.increment();
        writes.add(group.size());
        boolean committed = false;
        Exception failure = null;
        try (Connection c = db.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                boolean savepoints = savepointEachWrite(c);
                for (Pending<?> write : group) {
                    write.runIn(c, savepoints);
                }
                c.commit();
                committed = true;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                failure = e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException | RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        } finally {
            for (Pending<?> write : group) {
                write.finish(committed, failure);
            }
        }
    }

    /**
     * A failed statement aborts the whole transaction on PostgreSQL, so there each write gets a
     * savepoint to roll back to; H2 rolls back the failed statement alone.
     */
    private boolean savepointEachWrite(Connection c) throws SQLException {
        if (savepointEachWrite == null) {
            savepointEachWrite = !"H2".equals(c.getMetaData().getDatabaseProductName());
        }
        return savepointEachWrite;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A queued write and, once its group is done, its result or failure (written and read under the leader lock). */
    private static final class Pending<T> {
        private final Write<T> write;
        private T result;
        private RuntimeException failure;
        private boolean done;

        Pending(Write<T> write) {
            this.write = write;
        }

        void runIn(Connection c, boolean savepoint) throws SQLException {
            Savepoint before = savepoint ? c.setSavepoint() : null;
            try {
                result = write.run(c);
            } catch (SQLException e) {
                if (before != null) {
                    c.rollback(before);
                }
                failure = new StateUnavailableException(e);
            }
        }

        /**
         * Committed: the write's own result or failure stands. Not committed: nothing of the
         * group stays, so every write fails with the group's failure, a key taken included (the
         * write that had taken it, in the same group, is gone too).
         */
        void finish(boolean committed, Exception groupFailure) {
            if (!committed) {
                result = null;
                // an exception of its own for each caller: they are thrown on different threads
                failure = groupFailure instanceof SQLException sql
                        ? new StateUnavailableException(sql)
                        : new IllegalStateException("state store unavailable: the group's commit failed", groupFailure);
            }
            done = true;
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}

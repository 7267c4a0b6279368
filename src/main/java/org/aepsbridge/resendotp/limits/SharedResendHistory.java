package org.aepsbridge.resendotp.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.aepsbridge.resendotp.state.Sql;

/**
 * The history in the shared PostgreSQL database (table resend_sent): one row per send.
 * Replicas deciding about the same identity at once are serialised by a transaction-scoped
 * advisory lock on the identity, so two of them cannot both let a resend through.
 */
final class SharedResendHistory implements ResendHistory {

    private final DataSource db;

    SharedResendHistory(DataSource db) {
        this.db = db;
    }

    @Override
    public void recordUnlessRefused(
            String identity, Instant since, Instant now, Function<List<Instant>, ResendThrottledException> refusal) {
        ResendThrottledException refused;
        try {
            refused = Sql.inOneTransaction(db, c -> decide(c, identity, since, now, refusal));
        } catch (SQLException e) {
            throw new Sql.StateUnavailableException(e);
        }
        if (refused != null) {
            throw refused;
        }
    }

    private static ResendThrottledException decide(
            Connection c,
            String identity,
            Instant since,
            Instant now,
            Function<List<Instant>, ResendThrottledException> refusal)
            throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            // the identity is a hex HMAC: its first 64 bits are as good a lock key as any
            lock.setLong(1, Long.parseUnsignedLong(identity.substring(0, 16), 16));
            lock.execute();
        }
        List<Instant> recent = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT sent_at_ms FROM resend_sent WHERE identity = ? AND sent_at_ms > ? ORDER BY sent_at_ms")) {
            q.setString(1, identity);
            q.setLong(2, since.toEpochMilli());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    recent.add(Instant.ofEpochMilli(r.getLong(1)));
                }
            }
        }
        ResendThrottledException refused = refusal.apply(recent);
        if (refused == null) {
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO resend_sent (identity, sent_at_ms) VALUES (?, ?)")) {
                insert.setString(1, identity);
                insert.setLong(2, now.toEpochMilli());
                insert.executeUpdate();
            }
        }
        return refused;
    }

    @Override
    public void forget(String identity, Instant sentAt) {
        Sql.update(
                db, "DELETE FROM resend_sent WHERE identity = ? AND sent_at_ms = ?", identity, sentAt.toEpochMilli());
    }

    @Override
    public int forgetUpTo(Instant cutoff) {
        return Sql.update(db, "DELETE FROM resend_sent WHERE sent_at_ms <= ?", cutoff.toEpochMilli());
    }
}

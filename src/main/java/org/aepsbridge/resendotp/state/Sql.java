package org.aepsbridge.resendotp.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** The few JDBC steps the state stores share, the same on H2 and PostgreSQL. */
public final class Sql {

    private Sql() {}

    /** Runs an INSERT that claims a key; false when the key is taken already. */
    public static boolean claim(DataSource db, String insert, Object... parameters) {
        try {
            update(db, insert, parameters);
            return true;
        } catch (StateUnavailableException e) {
            if (isDuplicateKey(e.getCause())) {
                return false;
            }
            throw e;
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it touched. */
    public static int update(DataSource db, String sql, Object... parameters) {
        try (Connection c = db.getConnection();
                PreparedStatement u = prepare(c, sql, parameters)) {
            return u.executeUpdate();
        } catch (SQLException e) {
            throw new StateUnavailableException(e);
        }
    }

    /** The first column of the first row as text: empty when there is no row (a row with NULL gives an empty text). */
    public static Optional<Optional<String>> firstText(DataSource db, String query, Object... parameters) {
        try (Connection c = db.getConnection();
                PreparedStatement q = prepare(c, query, parameters);
                ResultSet r = q.executeQuery()) {
            return r.next() ? Optional.of(Optional.ofNullable(r.getString(1))) : Optional.empty();
        } catch (SQLException e) {
            throw new StateUnavailableException(e);
        }
    }

    /** Runs the work in one transaction on a connection of its own: committed when it returns, rolled back when it throws. */
    public static <T> T inOneTransaction(DataSource db, Transaction<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** The statements of one transaction. */
    @FunctionalInterface
    public interface Transaction<T> {
        T run(Connection c) throws SQLException;
    }

    /** SQLState class 23: integrity constraint violation (the key is taken). */
    public static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /** The state database could not be used: the request fails rather than risk a second SMS. */
    public static final class StateUnavailableException extends IllegalStateException {
        public StateUnavailableException(SQLException cause) {
            super("state store unavailable: " + cause.getSQLState(), cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}

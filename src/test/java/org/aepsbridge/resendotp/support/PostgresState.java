package org.aepsbridge.resendotp.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The shared state store on the real PostgreSQL server of this machine (127.0.0.1:5432,
 * database {@code test}, trust auth; .ci/run starts it when it is down), in a schema of
 * this test run's own, empty at the start: the application creates its tables itself.
 * Dropped at the end.
 */
public class PostgresState implements QuarkusTestResourceLifecycleManager {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";
    /** Test value of aopay.state.identity-key (never a real one). */
    public static final String IDENTITY_KEY = "test-identity-key-not-a-secret";

    private static volatile String schema;

    @Override
    public Map<String, String> start() {
        schema = "aopay_test_" + Long.toHexString(System.nanoTime());
        execute("CREATE SCHEMA " + schema);
        return Map.of(
                "aopay.state.store",
                "postgresql",
                "aopay.state.url",
                url(),
                "aopay.state.username",
                USER,
                "aopay.state.identity-key",
                IDENTITY_KEY);
    }

    /** The application's JDBC URL: this run's schema first on the search path. */
    public static String url() {
        return SERVER + "?currentSchema=" + schema;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    @Override
    public void stop() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER, USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL on 127.0.0.1:5432 is needed (.ci/run starts it): " + e.getMessage(), e);
        }
    }
}

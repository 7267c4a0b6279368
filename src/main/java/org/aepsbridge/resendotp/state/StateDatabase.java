package org.aepsbridge.resendotp.state;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.aepsbridge.resendotp.state.StateSettings.Store;

/**
 * The database behind the state that must outlive a request. Locally it is the embedded
 * H2 file (default datasource) and only CSV progress and JMS claims live there; with
 * {@code aopay.state.store=postgresql} it is the shared PostgreSQL database (datasource
 * {@code state}) and resend limits and Idempotency-Keys live there too, so every replica
 * sees the same. The application creates the tables it needs at start-up.
 */
@Startup
@ApplicationScoped
public class StateDatabase {

    /** Tables every store uses: CSV progress and JMS claims. Times in *_ms columns are epoch milliseconds (no time zone for replicas to disagree on). */
    private static final List<String> DURABLE_TABLES =
            List.of("""
            CREATE TABLE IF NOT EXISTS csv_row_progress (
              batch_id VARCHAR(64) NOT NULL,
              line BIGINT NOT NULL,
              state VARCHAR(8) NOT NULL,
              outcome VARCHAR(16),
              registration_id VARCHAR(128),
              primary_key_id VARCHAR(128),
              encode_txn_id VARCHAR(128),
              masked_mobile VARCHAR(32),
              masked_aadhaar VARCHAR(32),
              message VARCHAR(2000),
              response_code INTEGER,
              updated_at TIMESTAMP NOT NULL,
              PRIMARY KEY (batch_id, line))""", """
            CREATE TABLE IF NOT EXISTS jms_claim (
              message_id VARCHAR(255) NOT NULL PRIMARY KEY,
              result VARCHAR(20000),
              claimed_at_ms BIGINT NOT NULL)""", "CREATE INDEX IF NOT EXISTS jms_claim_claimed_at ON jms_claim (claimed_at_ms)");

    /** Tables only a shared store has: what is kept in memory locally. */
    private static final List<String> SHARED_TABLES = List.of(
            """
            CREATE TABLE IF NOT EXISTS resend_sent (
              identity VARCHAR(64) NOT NULL,
              sent_at_ms BIGINT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS resend_sent_identity ON resend_sent (identity, sent_at_ms)",
            "CREATE INDEX IF NOT EXISTS resend_sent_at ON resend_sent (sent_at_ms)",
            """
            CREATE TABLE IF NOT EXISTS idempotency_key (
              idem_key VARCHAR(255) NOT NULL PRIMARY KEY,
              result VARCHAR(20000),
              expires_at_ms BIGINT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS idempotency_key_expires_at ON idempotency_key (expires_at_ms)");

    /** Replicas starting together must not race on CREATE TABLE (PostgreSQL's catalog is not idempotent under concurrency). */
    private static final long SCHEMA_LOCK = 0x414f504159L;

    private final AgroalDataSource durable;
    private final boolean shared;

    StateDatabase(
            StateSettings state,
            AgroalDataSource local,
            @DataSource("state") InjectableInstance<AgroalDataSource> sharedDb) {
        this.shared = state.store() == Store.POSTGRESQL;
        if (shared) {
            List<String> missing = new java.util.ArrayList<>();
            if (state.url().isEmpty()) {
                missing.add("aopay.state.url (AOPAY_STATE_URL)");
            }
            if (state.identityKey().isEmpty()) {
                missing.add("aopay.state.identity-key (AOPAY_STATE_IDENTITY_KEY)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("aopay.state.store=postgresql needs " + String.join(" and ", missing));
            }
        }
        this.durable = shared ? sharedDb.get() : local;
    }

    @PostConstruct
    void createSchema() throws SQLException {
        try (Connection c = durable.getConnection();
                Statement s = c.createStatement()) {
            if (shared) {
                s.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
            }
            try {
                for (String ddl : DURABLE_TABLES) {
                    s.execute(ddl);
                }
                if (shared) {
                    for (String ddl : SHARED_TABLES) {
                        s.execute(ddl);
                    }
                }
            } finally {
                if (shared) {
                    s.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
                }
            }
        }
    }

    /** Where CSV progress and JMS claims live: the shared database, or the embedded H2 file. */
    public AgroalDataSource durable() {
        return durable;
    }

    /** The shared database, when limits and Idempotency-Keys are to live there rather than in memory. */
    public Optional<AgroalDataSource> shared() {
        return shared ? Optional.of(durable) : Optional.empty();
    }
}

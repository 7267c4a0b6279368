package org.aepsbridge.resendotp.state;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.OnlyTheseResources;
import org.aepsbridge.resendotp.support.TestCertificates;
import org.aepsbridge.resendotp.support.TestData;
import org.aepsbridge.resendotp.support.TlsPostgresCluster;
import org.junit.jupiter.api.Test;

/**
 * The shared state store over TLS with {@code sslmode=verify-full}: a PostgreSQL cluster of
 * the test's own that admits TLS connections only (support/TlsPostgresCluster), the
 * application's connections to it encrypted, and a client with the wrong root certificate,
 * or without TLS, refused.
 */
@QuarkusTest
@TestProfile(StateStoreTlsTest.TlsDatabase.class)
class StateStoreTlsTest {

    /** Not the machine's PostgreSQL (support/PostgresState) that other tests' resources point at. */
    public static class TlsDatabase extends OnlyTheseResources {
        public TlsDatabase() {
            super("state-tls", AopayStandIn.class, ArtemisTestBroker.class, TlsPostgresCluster.class);
        }
    }

    @Test
    void theStateStoreKeepsAFirstResultOverAVerifiedTlsConnection() throws Exception {
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "tls-key-1")
                .body(TestData.request("AOP-554"))
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(200);
        try (Connection db =
                TlsPostgresCluster.connect(TlsPostgresCluster.verifyFullUrl(TlsPostgresCluster.rootCertificate()))) {
            ResultSet kept = db.createStatement().executeQuery("SELECT count(*) FROM idempotency_key");
            kept.next();
            assertEquals(1, kept.getInt(1), "the first result is kept in the TLS database");
            // every connection of the application's pool, as the server sees it, is encrypted
            ResultSet sessions = db.createStatement()
                    .executeQuery("SELECT count(*), count(*) FILTER (WHERE s.ssl)"
                            + " FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid"
                            + " WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()");
            sessions.next();
            assertTrue(sessions.getInt(1) > 0, "the application holds connections");
            assertEquals(sessions.getInt(1), sessions.getInt(2), "a connection without TLS");
        }
    }

    @Test
    void aClientWithTheWrongRootCertificateIsRefused() {
        SQLException refused = assertThrows(
                SQLException.class,
                () -> TlsPostgresCluster.connect(
                                TlsPostgresCluster.verifyFullUrl(TestCertificates.file("untrusted-client.crt")))
                        .close());
        assertTrue(refused.getMessage().contains("SSL"), refused.getMessage());
    }

    @Test
    void aClientWithoutTlsIsRefused() {
        String plain = "jdbc:postgresql://localhost:" + TlsPostgresCluster.port + "/" + TlsPostgresCluster.DATABASE
                + "?sslmode=disable";
        SQLException refused = assertThrows(
                SQLException.class, () -> TlsPostgresCluster.connect(plain).close());
        assertTrue(refused.getMessage().contains("no encryption"), refused.getMessage());
    }
}

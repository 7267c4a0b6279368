package org.aepsbridge.resendotp.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster of the test's own (the machine's server is left as it is),
 * made with Debian's initdb and pg_ctl on a free port: TLS on with a certificate the tests
 * made (CN=localhost, SAN localhost and 127.0.0.1), and pg_hba admitting TLS connections only.
 * The application's state store is pointed at it with {@code sslmode=verify-full} and that
 * certificate as its root. PostgreSQL refuses to run as root: when the tests run as root,
 * its commands run as the {@code postgres} user in a folder that user owns.
 */
public class TlsPostgresCluster implements QuarkusTestResourceLifecycleManager {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";
    public static volatile int port;

    private static Path root;

    @Override
    public Map<String, String> start() {
        try {
            port = FreePorts.pick();
            root = Files.createTempDirectory("aopay-pg-tls-");
            Path data = root.resolve("data");
            Path pem = TestCertificates.serverPemFolder("postgresql-tls");
            Files.copy(pem.resolve("tls.crt"), root.resolve("server.crt"));
            Files.copy(pem.resolve("tls.key"), root.resolve("server.key"));
            run(List.of("chmod", "600", root.resolve("server.key").toString()));
            if (asRoot()) {
                run(List.of("chown", "-R", "postgres:postgres", root.toString()));
            }
            runAsPostgres(List.of(binary("initdb"), "-D", data.toString(), "-U", USER, "--auth=trust", "--no-sync"));
            Files.writeString(
                    data.resolve("postgresql.auto.conf"),
                    String.join(
                            "\n",
                            "port = " + port,
                            "listen_addresses = '127.0.0.1'",
                            "unix_socket_directories = '" + root + "'",
                            "ssl = on",
                            "ssl_cert_file = '" + root.resolve("server.crt") + "'",
                            "ssl_key_file = '" + root.resolve("server.key") + "'",
                            "fsync = off",
                            ""));
            // TLS connections only: a plain one finds no pg_hba entry
            Files.writeString(data.resolve("pg_hba.conf"), "hostssl all all 127.0.0.1/32 trust\n");
            runAsPostgres(List.of(
                    binary("pg_ctl"),
                    "-D",
                    data.toString(),
                    "-l",
                    root.resolve("server.log").toString(),
                    "-w",
                    "start"));
            return Map.of(
                    "aopay.state.store",
                    "postgresql",
                    "aopay.state.url",
                    verifyFullUrl(rootCertificate()),
                    "aopay.state.username",
                    USER,
                    "aopay.state.identity-key",
                    PostgresState.IDENTITY_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the TLS PostgreSQL cluster did not start", e);
        }
    }

    /** The server's certificate, which is its own root (self-signed). */
    public static Path rootCertificate() {
        return root.resolve("server.crt");
    }

    /** A JDBC URL that wants TLS, a server certificate signed by this root, and the host name in it. */
    public static String verifyFullUrl(Path rootCertificate) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?sslmode=verify-full&sslrootcert="
                + rootCertificate;
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, "");
    }

    @Override
    public void stop() {
        try {
            runAsPostgres(
                    List.of(binary("pg_ctl"), "-D", root.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a leftover folder in /tmp
            }
        }
    }

    /** The newest PostgreSQL of Debian's packages. */
    static String binary(String name) {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin").resolve(name))
                    .filter(Files::isExecutable)
                    .max(Comparator.comparing(p -> Integer.parseInt(
                            p.getParent().getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no " + name + " under /usr/lib/postgresql/*/bin:"
                            + " install PostgreSQL's server package"))
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void runAsPostgres(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    static void run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

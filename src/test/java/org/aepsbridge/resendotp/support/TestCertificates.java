package org.aepsbridge.resendotp.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates the tests make with the JDK's keytool, fresh for each run: the server's
 * (CN=localhost, SAN localhost and 127.0.0.1), a trusted client's (CN=legacy-system) and an
 * untrusted one's (CN=intruder, in no trust store), and the settings that turn TLS on
 * through the TLS registry with the trusted client's certificate as the server's trust
 * store ({@code quarkus.http.ssl.client-auth=request} is already built in).
 */
public final class TestCertificates {

    public static final Path FOLDER = Path.of("target", "test-certificates");
    public static final String PASSWORD = "test-store-pw";
    public static final String TRUSTED_CLIENT = "legacy-system";

    private TestCertificates() {}

    /** The settings that turn TLS on for the API port (TLS registry configuration "mtls"), as -D options. */
    public static List<String> settings(int httpsPort) {
        make();
        return List.of(
                "-Dquarkus.tls.mtls.key-store.p12.path="
                        + FOLDER.resolve("server.p12").toAbsolutePath(),
                "-Dquarkus.tls.mtls.key-store.p12.password=" + PASSWORD,
                "-Dquarkus.tls.mtls.trust-store.p12.path="
                        + FOLDER.resolve("server-trust.p12").toAbsolutePath(),
                "-Dquarkus.tls.mtls.trust-store.p12.password=" + PASSWORD,
                "-Dquarkus.http.tls-configuration-name=mtls",
                "-Dquarkus.http.ssl-port=" + httpsPort);
    }

    /** One of the made files (server.p12, server.crt, client-trust.p12, untrusted-client.crt...), made if need be. */
    public static Path file(String name) {
        make();
        return FOLDER.resolve(name).toAbsolutePath();
    }

    /**
     * A fresh folder holding the server's certificate and private key as PEM files, {@code tls.crt}
     * and {@code tls.key}, laid out as the kubelet lays out a mounted Secret: each a link into
     * the folder {@code ..data} links to, so a rotation swaps both at once.
     */
    public static Path serverPemFolder(String name) throws Exception {
        make();
        Path folder = Files.createDirectories(FOLDER.resolve(name + "-" + System.nanoTime()))
                .toAbsolutePath();
        Path version = writePem(folder, "server.p12", "server");
        Files.createSymbolicLink(folder.resolve("..data"), version.getFileName());
        Files.createSymbolicLink(folder.resolve("tls.crt"), Path.of("..data", "tls.crt"));
        Files.createSymbolicLink(folder.resolve("tls.key"), Path.of("..data", "tls.key"));
        return folder;
    }

    /**
     * Replaces the PEM pair in {@code folder} with a new key and certificate for the same names
     * (CN=localhost, SAN localhost and 127.0.0.1) as the kubelet rotates a renewed Secret in:
     * a new version folder, then {@code ..data} re-pointed in one rename. Returns the new certificate.
     */
    public static X509Certificate rotate(Path folder) throws Exception {
        String store = "rotated-" + System.nanoTime() + ".p12";
        pair(store, "server", "CN=localhost,O=AOPay bundle tests rotated", "san=dns:localhost,ip:127.0.0.1");
        Path version = writePem(folder, store, "server");
        Path link = folder.resolve("..data_tmp");
        Files.createSymbolicLink(link, version.getFileName());
        Files.move(link, folder.resolve("..data"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return (X509Certificate) load(store).getCertificate("server");
    }

    /** Writes the store's key and certificate as PEM into a new version folder inside {@code folder}; returns that folder. */
    private static Path writePem(Path folder, String store, String alias) throws Exception {
        KeyStore keys = load(store);
        Path version = Files.createDirectories(folder.resolve("..version-" + System.nanoTime()));
        Files.writeString(
                version.resolve("tls.key"),
                pem("PRIVATE KEY", ((PrivateKey) keys.getKey(alias, PASSWORD.toCharArray())).getEncoded()));
        Files.writeString(
                version.resolve("tls.crt"),
                pem("CERTIFICATE", keys.getCertificate(alias).getEncoded()));
        return version;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** A client context trusting only the test server's certificate (client-trust.p12), presenting none. */
    public static SSLContext trustingTheTestServer() throws Exception {
        make();
        return client(null);
    }

    /** A client context presenting the given keystore's certificate (or none when null) and trusting the server. */
    public static SSLContext client(String keyStore) throws Exception {
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("client-trust.p12"));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(FOLDER.resolve(name))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static synchronized void make() {
        try {
            if (Files.exists(FOLDER.resolve("client-trust.p12"))) {
                return;
            }
            Files.createDirectories(FOLDER);
            pair("server.p12", "server", "CN=localhost,O=AOPay bundle tests", "san=dns:localhost,ip:127.0.0.1");
            pair("trusted-client.p12", "client", "CN=" + TRUSTED_CLIENT + ",O=A legacy system", null);
            pair("untrusted-client.p12", "client", "CN=intruder,O=Nobody we know", null);
            export("trusted-client.p12", "client", "trusted-client.crt");
            export("server.p12", "server", "server.crt");
            export("untrusted-client.p12", "client", "untrusted-client.crt");
            trust("server-trust.p12", "trusted-client.crt");
            trust("client-trust.p12", "server.crt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pair(String store, String alias, String dname, String extension) {
        List<String> args = new ArrayList<>(List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                dname,
                "-keystore",
                store,
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD));
        if (extension != null) {
            args.addAll(List.of("-ext", extension));
        }
        keytool(args);
    }

    private static void export(String store, String alias, String file) {
        keytool(List.of(
                "-exportcert", "-rfc", "-alias", alias, "-keystore", store, "-storepass", PASSWORD, "-file", file));
    }

    private static void trust(String store, String certificate) {
        keytool(List.of(
                "-importcert",
                "-noprompt",
                "-alias",
                "trusted",
                "-file",
                certificate,
                "-keystore",
                store,
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD));
    }

    private static void keytool(List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(FOLDER.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

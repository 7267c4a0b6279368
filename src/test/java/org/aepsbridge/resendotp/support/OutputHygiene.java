package org.aepsbridge.resendotp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the test suite made the bundle write, sorted by kind, and the one check that
 * none of it holds a full identity number ({@link TestData#SECRETS}), a broker password
 * ({@link BrokerUsers#PASSWORDS}) or a test client's API key ({@link TestClients#SECRETS}). Outputs that exist
 * only in a test's hands (dead letters it received, metrics it scraped, spans it exported) are written down
 * with {@link #capture} so the check can see them too.
 *
 * <p>Data at rest ({@link Kind#DATA_FILE}): every file the bundle keeps in the data folders the
 * tests use (target/test-files and the drills' folders), the kept inputs in done and error, the
 * progress store and the work folder included. Left out, in {@link #notKeptByTheBundle} alone: a
 * file still in an inbox (the caller's, not yet the bundle's) and a broker's storage (the request
 * queue holds full numbers until a request is consumed: docs/privacy.md), and the folders of
 * tests that chose {@code aopay.file.keep-inputs=as-is} on purpose ({@link #keptAsIs}).
 */
public final class OutputHygiene {

    static final Path TARGET = Path.of("target");
    /** Where tests write down what they received. */
    static final Path CAPTURED = TARGET.resolve("test-outputs");

    public enum Kind {
        /** Application logs in target/: the test profile's log file and its rotated backups, @QuarkusIntegrationTest's quarkus.log. */
        LOG,
        /** What packaged applications (packaged/PackagedApp) printed, under target/packaged-runs. */
        PACKAGED_OUTPUT,
        /** CSV result files (outbox) of the in-JVM tests and of packaged runs. */
        RESULT_FILE,
        /** {@code <name>.error.txt} beside refused CSV files. */
        ERROR_FILE,
        /** Dead letters (body and reason) that tests received from the DLQ. */
        DLQ,
        /** {@code /q/metrics} scrapes. */
        METRICS,
        /** Exported trace spans, every attribute and event (support/CapturedSpans). */
        SPANS,
        /** Files at rest in the data folders: done, error, outbox, work (progress store), of the in-JVM tests and the drills. */
        DATA_FILE
    }

    /** The data folders the tests use: target/test-files, and the drills' own folder trees under target/. */
    static final List<String> DRILL_FOLDERS = List.of("csv-crash-", "jms-crash-", "failover-", "claim-key-");
    /** Where tests that chose as-is on purpose write their folder down ({@link #keptAsIs}). */
    static final String AS_IS = "as-is";
    /** A broker's storage (EmbeddedBroker's layout). */
    static final List<String> BROKER_STORAGE = List.of("journal", "bindings", "paging", "large-messages");

    private OutputHygiene() {}

    /** Writes down an output a test received, for the final check. */
    public static void capture(String kind, String name, String text) {
        try {
            Path folder = Files.createDirectories(CAPTURED.resolve(kind));
            Files.writeString(
                    folder.resolve(name.replaceAll("[^\\w.-]", "_") + "-" + System.nanoTime() + ".txt"),
                    text,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The one allow list: a test that sets {@code aopay.file.keep-inputs=as-is} on purpose names
     * the data folder it keeps full inputs in, and the final check leaves that folder out.
     */
    public static void keptAsIs(Path folder) {
        capture(
                AS_IS,
                folder.getFileName().toString(),
                folder.toAbsolutePath().normalize().toString());
    }

    static List<Path> keptAsIsFolders() throws IOException {
        Path list = CAPTURED.resolve(AS_IS);
        if (!Files.isDirectory(list)) {
            return List.of();
        }
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> files = Files.list(list)) {
            for (Path file : files.toList()) {
                folders.add(
                        Path.of(Files.readString(file, StandardCharsets.UTF_8).strip()));
            }
        }
        return folders;
    }

    /** Files at rest that are not the bundle's to keep masked (see the class comment), or that a test kept as-is on purpose. */
    static boolean notKeptByTheBundle(Path file, List<Path> asIs) {
        Path absolute = file.toAbsolutePath().normalize();
        if (asIs.stream().anyMatch(absolute::startsWith)) {
            return true;
        }
        for (Path part : TARGET.toAbsolutePath().normalize().relativize(absolute)) {
            String name = part.toString();
            if (name.equals("inbox") || BROKER_STORAGE.contains(name)) {
                return true;
            }
        }
        return false;
    }

    static List<Path> dataFolders() throws IOException {
        List<Path> roots = new ArrayList<>(List.of(TARGET.resolve("test-files")));
        try (Stream<Path> folders = Files.list(TARGET)) {
            folders.filter(Files::isDirectory)
                    .filter(f -> DRILL_FOLDERS.stream().anyMatch(f.getFileName().toString()::startsWith))
                    .forEach(roots::add);
        }
        return roots;
    }

    /** Every output file under target/, by kind. */
    public static Map<Kind, List<Path>> outputs() throws IOException {
        Map<Kind, List<Path>> found = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            found.put(kind, new ArrayList<>());
        }
        if (!Files.isDirectory(TARGET)) {
            return found;
        }
        try (Stream<Path> files = Files.list(TARGET)) {
            files.filter(OutputHygiene::isLogFile).forEach(found.get(Kind.LOG)::add);
        }
        for (Path root : List.of(TARGET.resolve("test-files"), TARGET.resolve("packaged-runs"), CAPTURED)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).forEach(file -> {
                    Kind kind = kindOf(root, file);
                    if (kind != null) {
                        found.get(kind).add(file);
                    }
                });
            }
        }
        List<Path> asIs = keptAsIsFolders();
        for (Path root : dataFolders()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .filter(f -> !isLogFile(f))
                        .filter(f -> !notKeptByTheBundle(f, asIs))
                        .filter(f -> !found.get(Kind.RESULT_FILE).contains(f)
                                && !found.get(Kind.ERROR_FILE).contains(f))
                        .forEach(found.get(Kind.DATA_FILE)::add);
            }
        }
        return found;
    }

    /** A log file, or a rotated backup of one ({@code application-test.log.1}). */
    public static boolean isLogFile(Path file) {
        return file.getFileName().toString().matches(".*\\.log(\\.\\d+)?");
    }

    private static Kind kindOf(Path root, Path file) {
        String name = file.getFileName().toString();
        String folder = file.getParent().getFileName().toString();
        if (root.equals(CAPTURED)) {
            return switch (folder) {
                case "dlq" -> Kind.DLQ;
                case "metrics" -> Kind.METRICS;
                case "spans" -> Kind.SPANS;
                default -> null;
            };
        }
        if (isLogFile(file)) {
            return root.endsWith("packaged-runs") ? Kind.PACKAGED_OUTPUT : Kind.LOG;
        }
        if (folder.equals("outbox") && name.endsWith(".csv")) {
            return Kind.RESULT_FILE;
        }
        if (folder.equals("error") && name.endsWith(".error.txt")) {
            return Kind.ERROR_FILE;
        }
        return null; // inputs, journals, the progress store
    }

    /** Each place a full identity number was found: file, the number's first two digits, and what surrounds it. */
    public static List<String> findings(Map<Kind, List<Path>> outputs) throws IOException {
        List<String> findings = new ArrayList<>();
        for (Map.Entry<Kind, List<Path>> kind : outputs.entrySet()) {
            for (Path file : kind.getValue()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String secret : TestData.SECRETS) {
                    int at = text.indexOf(secret);
                    if (at >= 0) {
                        String around = text.substring(
                                        Math.max(0, at - 120), Math.min(text.length(), at + secret.length() + 40))
                                .replace(secret, secret.substring(0, 2) + "…");
                        findings.add(kind.getKey() + " " + file + ": full identity number " + secret.substring(0, 2)
                                + "… in: " + around);
                    }
                }
                for (String password : BrokerUsers.PASSWORDS) {
                    int at = text.indexOf(password);
                    if (at >= 0) {
                        String around = text.substring(
                                        Math.max(0, at - 120), Math.min(text.length(), at + password.length() + 40))
                                .replace(password, password.substring(0, 2) + "…");
                        findings.add(kind.getKey() + " " + file + ": broker password " + password.substring(0, 2)
                                + "… in: " + around);
                    }
                }
                // A client's API key, whole or its first half (enough to tell which key leaked and to shorten a guess)
                for (String key : TestClients.SECRETS) {
                    int at = text.indexOf(key.substring(0, key.length() / 2));
                    if (at >= 0) {
                        findings.add(
                                kind.getKey() + " " + file + ": API key " + key.substring(0, 4) + "… at offset " + at);
                    }
                }
            }
        }
        return findings;
    }
}

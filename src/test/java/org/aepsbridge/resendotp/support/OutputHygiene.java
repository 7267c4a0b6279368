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
 * with {@link #capture} so the check can see them too. Inputs (the request files in
 * inbox/done, inputs moved to an error folder, broker journals, the progress store) are
 * not outputs and are left out.
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
        SPANS
    }

    private OutputHygiene() {
    }

    /** Writes down an output a test received, for the final check. */
    public static void capture(String kind, String name, String text) {
        try {
            Path folder = Files.createDirectories(CAPTURED.resolve(kind));
            Files.writeString(folder.resolve(name.replaceAll("[^\\w.-]", "_") + "-" + System.nanoTime() + ".txt"),
                    text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                        String around = text.substring(Math.max(0, at - 120), Math.min(text.length(), at + secret.length() + 40))
                                .replace(secret, secret.substring(0, 2) + "…");
                        findings.add(kind.getKey() + " " + file + ": full identity number " + secret.substring(0, 2) + "… in: " + around);
                    }
                }
                for (String password : BrokerUsers.PASSWORDS) {
                    int at = text.indexOf(password);
                    if (at >= 0) {
                        String around = text.substring(Math.max(0, at - 120), Math.min(text.length(), at + password.length() + 40))
                                .replace(password, password.substring(0, 2) + "…");
                        findings.add(kind.getKey() + " " + file + ": broker password " + password.substring(0, 2) + "… in: " + around);
                    }
                }
                // A client's API key, whole or its first half (enough to tell which key leaked and to shorten a guess)
                for (String key : TestClients.SECRETS) {
                    int at = text.indexOf(key.substring(0, key.length() / 2));
                    if (at >= 0) {
                        findings.add(kind.getKey() + " " + file + ": API key " + key.substring(0, 4) + "… at offset " + at);
                    }
                }
            }
        }
        return findings;
    }
}

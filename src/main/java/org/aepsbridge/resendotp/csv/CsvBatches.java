package org.aepsbridge.resendotp.csv;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.aepsbridge.resendotp.model.Outcome;
import org.apache.camel.Exchange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jboss.logging.Logger;

/**
 * A CSV batch from the drop folder, from the moment its file is stable to its result
 * file: opens it (or refuses it), and at the end writes the result file from the
 * progress store in line order, logs one summary line and records metrics.
 */
@ApplicationScoped
@Named("csvBatches")
public class CsvBatches {

    static final String READER = "csvReader";
    static final String STARTED = "csvStarted";
    static final String FILE = "csvFile";
    /** The inbox file's identity (inode) when it was opened: a file replaced under the same name has another. */
    static final String FILE_KEY = "csvFileKey";
    /** How the file ended, one of {@link FileEnd}'s names: the route csv-intake chooses the input file's folder by it. */
    static final String END = "csvFileEnd";
    /** Where the input file goes if it ends {@link FileEnd#DONE}: in aopay.file.done, named with the time it was opened. */
    /** Where what is kept of the input goes: set by the route csv-intake's choice on {@link #END}, read by KeptInputs. */
    static final String DESTINATION = "csvDestination";

    static final String DONE_DESTINATION = "csvDoneDestination";
    /** Where the input file goes if it ends otherwise: in aopay.file.error, with the same time stamp. */
    static final String ERROR_DESTINATION = "csvErrorDestination";

    static final String[] RESULT_HEADER = {
        "line",
        "RegistrationID",
        "PrimaryKeyId",
        "EncodeTxnId",
        "maskedMobile",
        "maskedAadhaar",
        "outcome",
        "message",
        "responseCode"
    };

    private static final Logger LOG = Logger.getLogger(CsvBatches.class);

    /** How a file ended; the route csv-intake has a {@code when} for each. */
    public enum FileEnd {
        /** Read to its end and unchanged: every row has its result. */
        DONE,
        /** Rows could not be read from some point on: the rows before it have their results. */
        INCOMPLETE,
        /** Written to while it was read: its result file holds what was read. */
        CHANGED,
        /** No batch at all (empty, binary, not CSV, required columns missing): no row was sent. */
        REFUSED
    }

    private final FileSettings settings;
    private final CsvProgress progress;
    private final Map<Outcome, Counter> rowsByOutcome = new EnumMap<>(Outcome.class);
    private final Counter filesDone;
    private final Counter filesInError;
    private final Timer fileDuration;
    private final CsvChangeWatch changes;
    private final Charset charset;

    CsvBatches(FileSettings settings, CsvProgress progress, MeterRegistry metrics, CsvChangeWatch changes) {
        this.settings = settings;
        this.progress = progress;
        this.changes = changes;
        this.charset = Charset.forName(settings.charset());
        // Registered once, here: every series exists (at 0) from start-up, and a file's end costs no registry look-up.
        for (Outcome outcome : Outcome.values()) {
            rowsByOutcome.put(
                    outcome,
                    Counter.builder("aopay.csv.rows")
                            .description("CSV rows by outcome")
                            .tag("outcome", outcome.name())
                            .register(metrics));
        }
        this.filesDone = filesEnded(metrics, "done");
        this.filesInError = filesEnded(metrics, "error");
        this.fileDuration = Timer.builder("aopay.csv.file.duration")
                .description("Time from a stable CSV file to its result file")
                .register(metrics);
    }

    private static Counter filesEnded(MeterRegistry metrics, String result) {
        return Counter.builder("aopay.csv.files")
                .description("CSV files by how they ended")
                .tag("result", result)
                .register(metrics);
    }

    /**
     * Opens the file as a stream of rows, each claimed in the progress store before it is handed out
     * (in groups: {@link CsvProgress#claimingAhead}); a file that is not a readable batch throws
     * {@link CsvFileRejectedException}.
     */
    public CsvProgress.RowsClaimedAhead open(Exchange exchange) throws IOException, SQLException {
        Path file = exchange.getMessage().getBody(java.io.File.class).toPath();
        String name = file.getFileName().toString();
        exchange.setProperty(STARTED, Instant.now());
        exchange.setProperty(CsvProgress.BATCH_ID, batchIdOf(file));
        Instant opened = Instant.now();
        exchange.setProperty(DONE_DESTINATION, destination(settings.done(), name, opened));
        exchange.setProperty(ERROR_DESTINATION, destination(settings.error(), name, opened));
        exchange.setProperty(FILE, file);
        exchange.setProperty(
                FILE_KEY, Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        CsvBatchReader reader = CsvBatchReader.open(file, charset);
        exchange.setProperty(READER, reader);
        try {
            return progress.claimingAhead(exchange.getProperty(CsvProgress.BATCH_ID, String.class), reader);
        } catch (SQLException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Every row has its result: writes the result file (in line order, from the progress
     * store) for the outbox, logs the summary and counts it, and says how the file ended
     * ({@link #END}): a file whose rows could not all be read ends INCOMPLETE after the rows that
     * could be read got their results, one written to while it was read CHANGED, with the reason
     * beside it in the error folder. The route moves the input file by that end.
     */
    public java.io.File finish(Exchange exchange) throws IOException, SQLException {
        String batch = exchange.getProperty(CsvProgress.BATCH_ID, String.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        CsvBatchReader reader = exchange.getProperty(READER, CsvBatchReader.class);
        reader.close();
        progress.forgetClaimsAhead(batch);

        Path work = Files.createDirectories(Path.of(settings.work()));
        Path result = work.resolve(batch + ".result.csv");
        long rows;
        try (BufferedWriter out = Files.newBufferedWriter(result, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(
                        out,
                        CSVFormat.DEFAULT.builder().setHeader(RESULT_HEADER).get())) {
            long[] count = {0};
            progress.forEachResult(batch, (line, reg, pk, txn, mobile, aadhaar, outcome, message, code) -> {
                try {
                    csv.printRecord(
                            line, asText(reg), asText(pk), asText(txn), mobile, aadhaar, outcome, message, code);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
            rows = count[0];
        }

        Map<Outcome, Long> byOutcome = progress.countByOutcome(batch);
        Duration took = Duration.between(exchange.getProperty(STARTED, Instant.class), Instant.now());
        String problem = reader.problem();
        boolean changed = false;
        if (problem != null) {
            exchange.setProperty(END, FileEnd.INCOMPLETE.name());
            writeErrorFile(
                    name,
                    problem + ". The rows before that point were processed: see " + baseName(name) + ".result.csv");
        } else {
            // read to its end: is the file still what was read? (a writer may have gone on)
            Path file = exchange.getProperty(FILE, Path.class);
            CsvChangeWatch.Read read = CsvChangeWatch.asRead(
                    name,
                    batch,
                    Path.of(exchange.getProperty(DONE_DESTINATION, String.class)),
                    reader,
                    Files.readAttributes(file, BasicFileAttributes.class),
                    Instant.now());
            Optional<String> change = CsvChangeWatch.changedWhileRead(file, exchange.getProperty(FILE_KEY), read);
            if (change.isPresent()) {
                changed = true;
                exchange.setProperty(END, FileEnd.CHANGED.name());
                Path toError = Path.of(exchange.getProperty(ERROR_DESTINATION, String.class));
                writeReason(name, changes.reportChangedWhileRead(read.movedTo(toError), change.get()));
            } else {
                exchange.setProperty(END, FileEnd.DONE.name());
                changes.watch(read);
            }
        }
        String hint = reader.undecodableRows() == 0
                ? ""
                : " hint: " + reader.undecodableRows() + " row(s) hold bytes that are not "
                        + reader.charset().name()
                        + (StandardCharsets.UTF_8.equals(reader.charset())
                                ? " (the file looks like Windows-1252: save it as \"CSV UTF-8\", or set aopay.file.charset=windows-1252)"
                                : "");
        LOG.infof(
                "CSV batch done: file=%s batch=%s client=%s rows=%d %s duration=%dms%s%s",
                forLog(name),
                batch,
                settings.clientName(),
                rows,
                byOutcome.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")),
                took.toMillis(),
                problem == null ? "" : " incomplete: " + problem,
                hint);
        byOutcome.forEach((outcome, n) -> rowsByOutcome.get(outcome).increment(n));
        (problem == null && !changed ? filesDone : filesInError).increment();
        fileDuration.record(took);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, baseName(name) + ".result.csv");
        return result.toFile();
    }

    /**
     * A cell a spreadsheet would run as a formula (it starts with = + - or @: CSV
     * injection) gets a leading ' so that it is shown as text. The correlation fields are
     * the only free text a caller puts into the result file; they went to AOPay as given.
     */
    static String asText(String cell) {
        return cell == null || cell.isEmpty() || "=+-@".indexOf(cell.charAt(0)) < 0 ? cell : "'" + cell;
    }

    /**
     * A file name as a log line may carry it: control characters (a newline would forge a
     * second log line) and bidirectional overrides (which reorder what an operator reads)
     * become '?'. The file itself keeps its name.
     */
    static String forLog(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(name.length());
        name.codePoints()
                .forEach(c -> shown.appendCodePoint(
                        Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c));
        return shown.toString();
    }

    /** A file that is no batch at all: the reason goes next to it in the error folder. */
    public void refuse(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.setProperty(END, FileEnd.REFUSED.name());
        writeErrorFile(name, cause.getMessage());
        LOG.warnf("CSV file refused: file=%s reason=%s", forLog(name), cause.getMessage());
        filesInError.increment();
    }

    /** The result file, once written to the outbox, is no longer needed in the work folder. */
    public void cleanUp(Exchange exchange) throws IOException {
        Files.deleteIfExists(
                Path.of(settings.work(), exchange.getProperty(CsvProgress.BATCH_ID, String.class) + ".result.csv"));
    }

    private void writeErrorFile(String name, String reason) throws IOException {
        writeReason(name, "File " + name + " was not processed as a whole: " + reason);
    }

    private void writeReason(String name, String text) throws IOException {
        Path folder = Files.createDirectories(Path.of(settings.error()));
        Files.writeString(
                folder.resolve(baseName(name) + ".error.txt"), text + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    /**
     * The same file (name, size, time stamp) is the same batch, so a restart resumes it;
     * a new file under a name seen before is a new batch.
     */
    static String batchIdOf(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String identity = file.getFileName() + "|" + attributes.size() + "|"
                + attributes.lastModifiedTime().toMillis();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Absolute target for the file consumer's move: {@code <folder>/<name>.<time stamp>.csv}, so reused names never collide. */
    static String destination(String folder, String name, Instant at) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
                .withZone(java.time.ZoneOffset.UTC)
                .format(at);
        return Path.of(folder)
                .toAbsolutePath()
                .resolve(baseName(name) + "." + stamp + extensionOf(name))
                .toString();
    }

    static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }
}

package org.aepsbridge.resendotp.csv;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * No row is lost without a trace when a writer goes on after its file was read (it paused
 * longer than the stability window, or ignored it): the file as read (bytes, SHA-256) is
 * compared with the file at the end of the batch, and then watched for
 * {@code aopay.file.change-watch} after it moved to done (or, when done keeps no original, through an open
 * handle on the original, its size only: csv/KeptInputs). A change is reported loudly and
 * specifically: an ERROR log line naming the file, the metric
 * {@code aopay_csv_files_changed_total}, an {@code <name>.error.txt} saying which lines were
 * processed and which never were, and the file itself in the error folder (it no longer is a
 * file whose every row has a result). The rows after the change are not read on: the writer
 * was still writing once, so whether it is done now is unknown, and a row read half-written
 * would be sent with half its values. The operator drops them again as a new file.
 */
@ApplicationScoped
@Named("csvChangeWatch")
public class CsvChangeWatch {

    private static final Logger LOG = Logger.getLogger(CsvChangeWatch.class);

    /** The file as it was read to its end, where it went, and what to tell when it changes. */
    record Read(
            String name,
            String batch,
            Path movedTo,
            long bytes,
            long modified,
            String sha256,
            long lastLine,
            boolean lastLineWhole,
            Instant since,
            boolean held,
            Path keptCopy) {
        Read(
                String name,
                String batch,
                Path movedTo,
                long bytes,
                long modified,
                String sha256,
                long lastLine,
                boolean lastLineWhole,
                Instant since) {
            this(name, batch, movedTo, bytes, modified, sha256, lastLine, lastLineWhole, since, false, null);
        }

        Read movedTo(Path elsewhere) {
            return new Read(
                    name, batch, elsewhere, bytes, modified, sha256, lastLine, lastLineWhole, since, held, keptCopy);
        }

        Read modified(long timeStamp) {
            return new Read(
                    name, batch, movedTo, bytes, timeStamp, sha256, lastLine, lastLineWhole, since, held, keptCopy);
        }

        /**
         * The original is held by an open handle (csv/KeptInputs): its name is gone from the inbox,
         * its bytes live on only while the handle is open, so a crash leaves nothing of it at rest.
         * What was kept in done is {@code keptCopy}, if anything.
         */
        Read held(Path kept) {
            return new Read(name, batch, movedTo, bytes, modified, sha256, lastLine, lastLineWhole, since, true, kept);
        }
    }

    private final FileSettings settings;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<Path, Read> watched = new ConcurrentHashMap<>();
    /** The originals held open for their watch, by the key of their {@link Read} in {@link #watched}. */
    private final Map<Path, FileChannel> holds = new ConcurrentHashMap<>();

    @Inject
    CsvChangeWatch(FileSettings settings, MeterRegistry metrics) {
        this(settings, metrics, Clock.systemUTC());
    }

    CsvChangeWatch(FileSettings settings, MeterRegistry metrics, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What was read of a file, to compare with the file at the end of its batch. */
    static Read asRead(
            String name, String batch, Path movedTo, CsvBatchReader reader, BasicFileAttributes now, Instant since) {
        ReadTrace trace = reader.trace();
        return new Read(
                name,
                batch,
                movedTo,
                trace.bytes(),
                now.lastModifiedTime().toMillis(),
                trace.sha256Hex(),
                reader.lastLine(),
                trace.endsWithLineBreak(),
                since);
    }

    /**
     * Whether the file in the inbox is still what was read, at the end of its batch: the
     * same file (not replaced), as many bytes as were read, and the same bytes. A file that
     * grew while it was read and was read on to its new end is unchanged.
     */
    static Optional<String> changedWhileRead(Path file, Object fileKeyAtOpen, Read read) throws IOException {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.of("it was removed from the inbox while it was read");
        }
        if (fileKeyAtOpen != null && !Objects.equals(fileKeyAtOpen, now.fileKey())) {
            return Optional.of("it was replaced by another file of the same name while it was read");
        }
        return differs(file, now, read);
    }

    /** How the file differs from what was read, or empty when it holds exactly the bytes read. */
    private static Optional<String> differs(Path file, BasicFileAttributes now, Read read) throws IOException {
        if (now.size() != read.bytes()) {
            return Optional.of(
                    "it had " + read.bytes() + " bytes when it was read to its end and has " + now.size() + " now");
        }
        if (now.lastModifiedTime().toMillis() != read.modified()
                && !sha256Of(file).equals(read.sha256())) {
            return Optional.of(
                    "it was rewritten after it was read (same size, " + read.bytes() + " bytes, other content)");
        }
        return Optional.empty();
    }

    /** Watches a file that was read to its end and is on its way to {@code read.movedTo()}. */
    void watch(Read read) {
        if (!settings.changeWatch().isZero()) {
            watched.put(read.movedTo(), read);
        }
    }

    boolean isWatched(Path movedTo) {
        return watched.containsKey(movedTo);
    }

    /**
     * The file on its way to {@code destination} is watched through {@code original}, an open
     * handle on it, from now on (csv/KeptInputs); the watch closes it when it ends.
     */
    void holdOpen(Path destination, FileChannel original, Path keptCopy) throws IOException {
        Read read = watched.get(destination);
        if (read == null) {
            original.close();
            return;
        }
        holds.put(destination, original);
        watched.put(destination, read.held(keptCopy));
    }

    void unwatch(Path movedTo) {
        watched.remove(movedTo);
        release(movedTo);
    }

    /** A stop ends every watch (they live in memory), and closes every original held for one. */
    @PreDestroy
    void releaseAll() {
        holds.keySet().forEach(this::release);
    }

    private void release(Path key) {
        FileChannel held = holds.remove(key);
        if (held != null) {
            try {
                held.close();
            } catch (IOException e) {
                LOG.debugf("closing the original held for %s: %s", CsvBatches.forLog(key.toString()), e.toString());
            }
        }
    }

    /** A held original: changed when its size is not what was read (the writer went on); its time stamp is not at hand. */
    private void checkHeld(Read read, Instant now) throws IOException {
        FileChannel held = holds.get(read.movedTo());
        if (held == null || !held.isOpen()) {
            watched.remove(read.movedTo(), read);
            return;
        }
        long size = held.size();
        if (size != read.bytes()) {
            watched.remove(read.movedTo());
            reportChangedAfterRead(
                    read, "it had " + read.bytes() + " bytes when it was read to its end and has " + size + " now");
        } else {
            forgetIfOld(read, now);
        }
    }

    /** Looks at every watched file once (route csv-change-watch); reports and stops watching a changed one. */
    public void check() {
        Instant now = clock.instant();
        for (Read read : watched.values()) {
            try {
                if (read.held()) {
                    checkHeld(read, now);
                    continue;
                }
                if (!Files.exists(read.movedTo())) {
                    // not moved yet (the batch is completing), or gone (retention, an operator)
                    forgetIfOld(read, now);
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(read.movedTo(), BasicFileAttributes.class);
                Optional<String> change = differs(read.movedTo(), attributes, read);
                if (change.isPresent()) {
                    watched.remove(read.movedTo());
                    reportChangedAfterRead(read, change.get());
                } else if (attributes.lastModifiedTime().toMillis() != read.modified()) {
                    // touched, same bytes: nothing to tell, compare with the new time stamp from now on
                    watched.replace(
                            read.movedTo(),
                            read,
                            read.modified(attributes.lastModifiedTime().toMillis()));
                } else {
                    forgetIfOld(read, now);
                }
            } catch (IOException e) {
                LOG.warnf(
                        "CSV change watch: cannot look at %s: %s",
                        CsvBatches.forLog(read.movedTo().toString()), e.toString());
            }
        }
    }

    private void forgetIfOld(Read read, Instant now) throws IOException {
        if (read.since().plus(settings.changeWatch()).isBefore(now) && watched.remove(read.movedTo(), read)) {
            release(read.movedTo()); // a held original's watch ends: so does the original (aopay.file.keep-inputs)
        }
    }

    private void reportChangedAfterRead(Read read, String change) throws IOException {
        Path errorFolder = Files.createDirectories(Path.of(settings.error()));
        Path movedTo = errorFolder.resolve(read.movedTo().getFileName());
        if (read.held()) {
            // kept masked in error by the same rule as in done; what was kept in done is no longer a done file
            movedTo = errorFolder.resolve(read.movedTo().getFileName());
            FileChannel held = holds.get(read.movedTo());
            try {
                KeptInputs.writeMasked(held, movedTo, Charset.forName(settings.charset()));
            } finally {
                release(read.movedTo());
            }
            if (read.keptCopy() != null) {
                Files.deleteIfExists(read.keptCopy());
            }
        } else {
            Files.move(read.movedTo(), movedTo);
        }
        String text = explain(read, "changed after it was read: " + change, movedTo);
        Files.writeString(
                errorFolder.resolve(CsvBatches.baseName(read.name()) + ".error.txt"),
                text + System.lineSeparator(),
                StandardCharsets.UTF_8);
        count("after-read");
        LOG.errorf(
                "CSV file changed after it was read: file=%s batch=%s %s; rows after line %d were never processed; "
                        + "moved to %s",
                CsvBatches.forLog(read.name()), read.batch(), change, read.lastLine(), movedTo);
    }

    /** The change found at the end of a batch, before the file moved: the error file's text; counted and logged here. */
    String reportChangedWhileRead(Read read, String change) {
        count("while-read");
        LOG.errorf(
                "CSV file changed while it was read: file=%s batch=%s %s; rows after line %d were never processed; "
                        + "moved to %s",
                CsvBatches.forLog(read.name()), read.batch(), change, read.lastLine(), read.movedTo());
        return explain(read, "changed while it was read: " + change, read.movedTo());
    }

    private static String explain(Read read, String what, Path fileNow) {
        String cut = read.lastLineWhole()
                ? ""
                : " Line " + read.lastLine()
                        + ", the last one read, did not end with a line break: it may have been cut"
                        + " short, and what was read of it got the result shown for it.";
        return "File " + read.name() + " " + what + ". The rows up to line " + read.lastLine() + " were processed: see "
                + CsvBatches.baseName(read.name()) + ".result.csv." + cut + " Rows after line " + read.lastLine()
                + " were never read or sent. The file as it is now: " + fileNow
                + ". To process them, drop them with the header "
                + "line as a new file once the writer is done. To prevent this: let the writer write under another name and rename "
                + "the file into the inbox when it is complete, or configure a done-marker (aopay.file.done-marker), or raise "
                + "aopay.file.stable-for-ms above the writer's longest pause.";
    }

    private void count(String when) {
        Counter.builder("aopay.csv.files.changed")
                .description("CSV files that changed after they were read (rows never read)")
                .tag("when", when)
                .register(metrics)
                .increment();
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = ReadTrace.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

package org.aepsbridge.resendotp.csv;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.aepsbridge.resendotp.csv.FileSettings.KeepInputs;
import org.aepsbridge.resendotp.privacy.Masking;
import org.apache.camel.Exchange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jboss.logging.Logger;

/**
 * What the drop folder keeps of an input once every row has a result (route csv-intake, step
 * keep-input; {@code aopay.file.keep-inputs}). The file consumer deletes the inbox file when
 * the exchange completes; before that, this class has put what is kept in place:
 * <ul>
 * <li>{@code masked}: a masked copy in done (or error): written under a temporary name in the
 * target folder, forced to disk, renamed atomically. A crash before the rename leaves a masked
 * temporary file (retention removes it); after the rename and before the inbox file is gone, a
 * restart processes the file again from the progress store (no row is sent twice) and keeps a
 * second masked copy. Never a second unmasked copy.</li>
 * <li>{@code delete}: nothing in done; a file that goes to error is kept masked.</li>
 * <li>{@code as-is}: the original itself, by a hard link into the target folder (the same file
 * under a second name until the inbox name is deleted; a copy where a link cannot be made).</li>
 * </ul>
 * While a file read to its end is watched for a writer that goes on (csv/CsvChangeWatch), its
 * original stays reachable through an open handle only (the writer's open file is that file):
 * once the consumer deletes the inbox name, no name on disk leads to it, the watch closes the
 * handle when it ends, and a crash or stop frees it with the process. Nothing unmasked is left
 * at rest.
 */
@ApplicationScoped
@Named("keptInputs")
public class KeptInputs {

    private static final Logger LOG = Logger.getLogger(KeptInputs.class);
    static final String TEMP_PREFIX = ".keeping-";
    /** How much of a first line is looked at to find its separator. */
    private static final int HEADER_PEEK = 64 * 1024;
    /** The correlation columns the result file shows as they came: a kept copy shows them so too. */
    private static final Set<String> SHOWN_IN_FULL = Set.of("registrationid", "primarykeyid", "encodetxnid");

    private final FileSettings settings;
    private final CsvChangeWatch changes;
    private final Charset charset;

    KeptInputs(FileSettings settings, CsvChangeWatch changes) {
        this.settings = settings;
        this.changes = changes;
        this.charset = Charset.forName(settings.charset());
    }

    void onStart(@Observes StartupEvent start) throws IOException {
        if (settings.keepInputs() == KeepInputs.AS_IS) {
            LOG.warnf(
                    "aopay.file.keep-inputs=as-is: input CSV files are kept in %s and %s with every full Aadhaar and "
                            + "mobile number in them (until aopay.file.done-retention=%s / aopay.file.error-retention=%s)",
                    settings.done(), settings.error(), settings.doneRetention(), settings.errorRetention());
        }
    }

    /** Puts what is kept of the exchange's input in place; the file consumer deletes the inbox file afterwards. */
    public void keep(Exchange exchange) throws IOException {
        Path original = exchange.getProperty(CsvBatches.FILE, Path.class);
        if (original == null) {
            original = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        }
        Path destination = Path.of(exchange.getProperty(CsvBatches.DESTINATION, String.class));
        boolean toError =
                destination.getParent().equals(Path.of(settings.error()).toAbsolutePath());
        KeepInputs mode = settings.keepInputs();
        if (changes.isWatched(destination)) {
            // the original's bytes stay reachable while it is watched, through an open handle only: once the
            // consumer deletes the inbox name nothing of it is at rest, and a crash frees it with the process
            if (mode == KeepInputs.AS_IS) {
                keepAsIs(original, destination);
            } else {
                changes.holdOpen(
                        destination,
                        FileChannel.open(original, StandardOpenOption.READ),
                        mode == KeepInputs.MASKED ? destination : null);
            }
            if (mode == KeepInputs.MASKED) {
                writeMasked(original, destination, charset);
            }
        } else if (mode == KeepInputs.AS_IS) {
            keepAsIs(original, destination);
        } else if (mode == KeepInputs.MASKED || toError) {
            writeMasked(original, destination, charset);
        }
    }

    private static void keepAsIs(Path original, Path destination) throws IOException {
        Files.createDirectories(destination.getParent());
        if (!link(destination, original)) {
            Path temp = destination.resolveSibling(TEMP_PREFIX + destination.getFileName());
            Files.copy(original, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            publish(temp, destination);
        }
    }

    /** A second name for the same file; false where the file system has no hard links or the folders are on two. */
    private static boolean link(Path link, Path original) throws IOException {
        try {
            Files.deleteIfExists(link);
            Files.createLink(link, original);
            return true;
        } catch (UnsupportedOperationException | FileSystemException e) {
            LOG.debugf("no hard link %s: %s", link, e.toString());
            return false;
        }
    }

    /**
     * Writes {@code from} masked to {@code to}: a temporary file in the target folder, forced to
     * disk, renamed atomically, the folder forced too. A CSV file with its Mobile and AdhaarNumber
     * columns gets those masked as in the result file, the correlation columns as the result file
     * shows them (as they came), and every other cell masked where it is shaped like one of those
     * numbers; any other file gets every such run masked.
     */
    static void writeMasked(Path from, Path to, Charset charset) throws IOException {
        writeMasked(() -> Files.newInputStream(from), to, charset);
    }

    /** The same from a held original (csv/CsvChangeWatch), read from its start; the handle stays open. */
    static void writeMasked(FileChannel from, Path to, Charset charset) throws IOException {
        writeMasked(
                () -> new FilterInputStream(Channels.newInputStream(from.position(0))) {
                    @Override
                    public void close() {
                        // the handle is the watch's to close
                    }
                },
                to,
                charset);
    }

    /** Opens the input afresh for each try (as CSV, then by shape). */
    interface Source {
        InputStream open() throws IOException;
    }

    private static void writeMasked(Source from, Path to, Charset charset) throws IOException {
        Files.createDirectories(to.getParent());
        Path temp = to.resolveSibling(TEMP_PREFIX + to.getFileName());
        try {
            if (!writeMaskedAs(from, temp, charset, true)) {
                writeMaskedAs(from, temp, charset, false);
            }
        } catch (CharacterCodingException e) {
            // not text in the expected encoding: every byte kept as it is but the digits of a number
            writeMaskedAs(from, temp, StandardCharsets.ISO_8859_1, false);
        }
        publish(temp, to);
    }

    /**
     * One pass, streamed (an input may be large): as CSV when {@code asCsv} and its header names
     * Mobile and AdhaarNumber (false when it is not such a CSV file), else line by line by shape.
     */
    private static boolean writeMaskedAs(Source from, Path temp, Charset charset, boolean asCsv) throws IOException {
        try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(
                                from.open(),
                                charset.newDecoder()
                                        .onMalformedInput(CodingErrorAction.REPORT)
                                        .onUnmappableCharacter(CodingErrorAction.REPORT)),
                        64 * 1024);
                FileChannel channel = FileChannel.open(
                        temp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                Writer out = new BufferedWriter(Channels.newWriter(channel, charset.newEncoder(), -1), 64 * 1024)) {
            if (asCsv) {
                if (!maskCsv(in, out)) {
                    return false;
                }
            } else {
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); c >= 0; c = in.read()) {
                    line.append((char) c);
                    if (c == '\n') {
                        out.write(Masking.identityShaped(line.toString()));
                        line.setLength(0);
                    }
                }
                out.write(Masking.identityShaped(line.toString()));
            }
            out.flush();
            channel.force(true);
            return true;
        }
    }

    /** Masks a CSV stream record by record; false when it is no CSV with a Mobile and an AdhaarNumber column. */
    private static boolean maskCsv(BufferedReader in, Writer out) throws IOException {
        in.mark(HEADER_PEEK);
        StringBuilder first = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && first.length() < HEADER_PEEK - 1; c = in.read()) {
            first.append((char) c);
        }
        in.reset();
        if (first.length() > 0 && first.charAt(0) == '\uFEFF') {
            in.skip(1);
            first.deleteCharAt(0);
        }
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(CsvBatchReader.separatorOf(first.toString()))
                .get();
        try {
            CSVParser parser = CSVParser.parse(in, format);
            CSVPrinter printer = new CSVPrinter(out, format);
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return false;
            }
            int mobile = -1;
            int aadhaar = -1;
            Set<Integer> shownInFull = new HashSet<>();
            CSVRecord names = records.next();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).strip().toLowerCase(Locale.ROOT);
                if (name.equals("mobile")) {
                    mobile = i;
                } else if (name.equals("adhaarnumber") || name.equals("aadhaarnumber")) {
                    aadhaar = i;
                } else if (SHOWN_IN_FULL.contains(name)) {
                    shownInFull.add(i);
                }
            }
            if (mobile < 0 || aadhaar < 0) {
                return false;
            }
            printer.printRecord(names.values());
            List<String> cells = new ArrayList<>();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                cells.clear();
                for (int i = 0; i < record.size(); i++) {
                    String cell = record.get(i);
                    String mask = i == mobile ? Masking.mobile(cell) : i == aadhaar ? Masking.aadhaar(cell) : null;
                    cells.add(mask != null ? mask : shownInFull.contains(i) ? cell : Masking.identityShaped(cell));
                }
                printer.printRecord(cells);
            }
            printer.flush();
            return true;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException coding) {
                throw coding;
            }
            return false; // it does not parse as CSV (an unclosed quote, say): masked by shape instead
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false;
        }
    }

    private static void publish(Path temp, Path to) throws IOException {
        Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel folder = FileChannel.open(to.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            LOG.debugf("cannot force folder %s to disk: %s", to.getParent(), e.toString());
        }
    }
}

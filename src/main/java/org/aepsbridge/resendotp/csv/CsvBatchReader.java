package org.aepsbridge.resendotp.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.aepsbridge.resendotp.model.FieldError;
import org.aepsbridge.resendotp.model.ResendRequest;
import org.aepsbridge.resendotp.privacy.Masking;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of one CSV batch with commons-csv (the parser behind camel-csv):
 * header first, columns found by name in any order and letter case, UTF-8 with or
 * without BOM, CRLF or LF, quoted fields. Never holds more than one row.
 */
public final class CsvBatchReader implements Iterator<CsvRow>, Closeable {

    /** Columns by AOPay's field name, lower-cased, and how each fills a request. */
    private static final Map<String, BiConsumer<ResendRequest, String>> COLUMNS = new TreeMap<>(Map.of(
            "userkey", ResendRequest::setUserkey,
            "mobile", ResendRequest::setMobile,
            "adhaarnumber", ResendRequest::setAdhaarNumber,
            "primarykeyid", ResendRequest::setPrimaryKeyId,
            "encodetxnid", ResendRequest::setEncodeTxnId,
            "registrationid", ResendRequest::setRegistrationId,
            "pipe", ResendRequest::setPipe,
            "accessmodetype", ResendRequest::setAccessModeType,
            "otp", ResendRequest::setOtp));
    private static final Map<String, String> ALIASES = Map.of("aadhaarnumber", "adhaarnumber");
    static final List<String> REQUIRED = List.of("Userkey", "Mobile", "AdhaarNumber", "PrimaryKeyId", "EncodeTxnId", "RegistrationID");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setAllowMissingColumnNames(true)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    /** Column index by lower-cased field name. */
    private final Map<String, Integer> columns = new TreeMap<>();
    private String problem;

    private final RecordLimit limit;

    private CsvBatchReader(CSVParser parser, RecordLimit limit) {
        this.parser = parser;
        this.limit = limit;
        this.records = parser.iterator();
    }

    /** Opens a batch, or refuses it with a reason an operator understands. */
    public static CsvBatchReader open(Path file) {
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file));
            refuseBinary(in);
            skipBom(in);
            RecordLimit reader = new RecordLimit(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
            CsvBatchReader batch = new CsvBatchReader(FORMAT.parse(reader), reader);
            batch.mapColumns();
            return batch;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            closeQuietly(in);
            throw new CsvFileRejectedException("the file could not be read as CSV: " + Masking.scrub(e.getMessage()));
        } catch (CsvFileRejectedException e) {
            closeQuietly(in);
            throw e;
        }
    }

    private void mapColumns() {
        List<String> names = parser.getHeaderNames();
        if (names.isEmpty()) {
            throw new CsvFileRejectedException("the file is empty: expected a header line naming the columns "
                    + String.join(", ", REQUIRED));
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).strip().toLowerCase(Locale.ROOT);
            name = ALIASES.getOrDefault(name, name);
            if (COLUMNS.containsKey(name) && columns.putIfAbsent(name, i) != null) {
                throw new CsvFileRejectedException("the header names the column " + names.get(i) + " twice");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : REQUIRED) {
            if (!columns.containsKey(required.toLowerCase(Locale.ROOT))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new CsvFileRejectedException("the header line lacks the required column(s) " + String.join(", ", missing)
                    + " (columns are found by name, in any order and letter case; the header must be the first line)");
        }
    }

    @Override
    public boolean hasNext() {
        if (problem != null) {
            return false;
        }
        try {
            limit.nextRecord();
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable why = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            problem = "the file stops being readable CSV after line " + parser.getCurrentLineNumber() + ": "
                    + Masking.scrub(why.getMessage());
            return false;
        }
    }

    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = records.next();
        int columnCount = parser.getHeaderNames().size();
        if (record.size() != columnCount) {
            // A value too many or too few shifts the values after it into the wrong fields:
            // nothing of such a row is sent or echoed.
            return new CsvRow(lineOf(record), new ResendRequest(), new FieldError("row", "has " + record.size()
                    + (record.size() == 1 ? " value" : " values") + " but the header names " + columnCount
                    + " columns (an unquoted comma or a missing value?); nothing of it was sent"));
        }
        ResendRequest request = new ResendRequest();
        columns.forEach((name, index) -> {
            if (index < record.size()) {
                String value = record.get(index);
                COLUMNS.get(name).accept(request, value.isEmpty() ? null : value);
            }
        });
        // commons-csv counts lines from 0 after the header it consumed; the header is line 1
        return new CsvRow(lineOf(record), request, null);
    }

    private long lineOf(CSVRecord record) {
        return record.getRecordNumber() + 1;
    }

    /** Why reading stopped before the end of the file, or null when every row was read. */
    public String problem() {
        return problem;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static void refuseBinary(InputStream in) throws IOException {
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        for (byte b : head) {
            if (b == 0) {
                throw new CsvFileRejectedException("the file is binary (it contains NUL bytes), not a CSV text file");
            }
        }
    }

    private static void skipBom(InputStream in) throws IOException {
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}

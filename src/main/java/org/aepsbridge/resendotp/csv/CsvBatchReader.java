package org.aepsbridge.resendotp.csv;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
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
 * without BOM (or the configured {@code aopay.file.charset}), CRLF or LF, quoted fields,
 * values separated by commas, semicolons or tabs (found from the header line, as
 * spreadsheets in many locales save "CSV" with semicolons). Never holds more than one row.
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
    static final List<String> REQUIRED =
            List.of("Userkey", "Mobile", "AdhaarNumber", "PrimaryKeyId", "EncodeTxnId", "RegistrationID");
    private static final List<String> FIELDS = List.of(
            "Userkey",
            "Mobile",
            "AdhaarNumber",
            "PrimaryKeyId",
            "EncodeTxnId",
            "RegistrationID",
            "Pipe",
            "AccessModeType",
            "Otp");

    /** Separators a header line may use, in order of preference when several would do. */
    static final List<Character> SEPARATORS = List.of(',', ';', '\t');
    /** How much of the first line is looked at to find its separator. */
    private static final int HEADER_PEEK = 64 * 1024;
    /** What a row that held bytes not in UTF-8 is told: spreadsheets on Windows save plain "CSV" in Windows-1252. */
    static final String NOT_UTF8 =
            "holds bytes that are not UTF-8: the file looks like a spreadsheet's plain \"CSV\" export "
                    + "in a Windows code page (Windows-1252); save it as \"CSV UTF-8\", or set aopay.file.charset=windows-1252 "
                    + "if every file of this drop folder comes so; nothing of the row was sent";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
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
    private final ReadTrace trace;
    private final Charset charset;
    private long lastLine = 1;
    private long undecodableRows;

    private CsvBatchReader(CSVParser parser, RecordLimit limit, ReadTrace trace, Charset charset) {
        this.parser = parser;
        this.limit = limit;
        this.trace = trace;
        this.charset = charset;
        this.records = parser.iterator();
    }

    /** Opens a UTF-8 batch, or refuses it with a reason an operator understands. */
    public static CsvBatchReader open(Path file) {
        return open(file, StandardCharsets.UTF_8);
    }

    /** Opens a batch in the given encoding, or refuses it with a reason an operator understands. */
    public static CsvBatchReader open(Path file, Charset charset) {
        InputStream in = null;
        try {
            ReadTrace trace = new ReadTrace(Files.newInputStream(file));
            in = new BufferedInputStream(trace);
            refuseBinary(in);
            if (StandardCharsets.UTF_8.equals(charset)) {
                skipBom(in);
            }
            RecordLimit limited = new RecordLimit(new InputStreamReader(
                    in,
                    charset.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)));
            BufferedReader reader = new BufferedReader(limited, HEADER_PEEK);
            char separator = separatorOf(headerLine(reader));
            CsvBatchReader batch = new CsvBatchReader(
                    FORMAT.builder().setDelimiter(separator).get().parse(reader), limited, trace, charset);
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
            throw new CsvFileRejectedException(
                    "the file is empty: expected a header line naming the columns " + String.join(", ", REQUIRED));
        }
        for (int i = 0; i < names.size(); i++) {
            String name = columnKey(names.get(i) == null ? "" : names.get(i));
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
            throw new CsvFileRejectedException(
                    "the header line lacks the required column(s) " + String.join(", ", missing)
                            + " (columns are found by name, in any order and letter case; the header must be the first line; "
                            + "values are separated by commas, semicolons or tabs)");
        }
    }

    /** The first line, as far as {@link #HEADER_PEEK} characters, without consuming it. */
    private static String headerLine(BufferedReader reader) throws IOException {
        reader.mark(HEADER_PEEK);
        char[] head = new char[HEADER_PEEK - 1];
        int n = 0;
        for (int c = reader.read(); c >= 0 && c != '\n' && c != '\r' && n < head.length; c = reader.read()) {
            head[n++] = (char) c;
        }
        reader.reset();
        return new String(head, 0, n);
    }

    /**
     * The separator that makes the header name the most required columns: a ";" or tab
     * export of a spreadsheet is read as such, and a comma wins a tie (a header without
     * any required column is then refused naming them).
     */
    static char separatorOf(String header) {
        char best = ',';
        long bestCount = -1;
        for (char separator : SEPARATORS) {
            long count = java.util.Arrays.stream(
                            header.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1))
                    .map(CsvBatchReader::columnKey)
                    .filter(key -> REQUIRED.stream().anyMatch(required -> required.equalsIgnoreCase(key)))
                    .count();
            if (count > bestCount) {
                best = separator;
                bestCount = count;
            }
        }
        return best;
    }

    /** A header cell as the column it names: lower-cased, aliases resolved, quotes and spaces around it dropped. */
    private static String columnKey(String cell) {
        String key = cell.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1).strip();
        }
        key = key.toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(key, key);
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
            return new CsvRow(
                    lineOf(record),
                    new ResendRequest(),
                    new FieldError(
                            "row",
                            "has " + record.size()
                                    + (record.size() == 1 ? " value" : " values") + " but the header names "
                                    + columnCount
                                    + " columns (an unquoted comma or a missing value?); nothing of it was sent"));
        }
        ResendRequest request = new ResendRequest();
        String[] undecodable = {null};
        columns.forEach((name, index) -> {
            if (index < record.size()) {
                String value = record.get(index);
                COLUMNS.get(name).accept(request, value.isEmpty() ? null : value);
                if (undecodable[0] == null && value.indexOf('\uFFFD') >= 0) {
                    undecodable[0] = FIELDS.stream()
                            .filter(field -> field.equalsIgnoreCase(name))
                            .findFirst()
                            .orElse(name);
                }
            }
        });
        if (undecodable[0] != null) {
            // U+FFFD is what the decoder made of bytes that are not in the file's encoding
            undecodableRows++;
            return new CsvRow(
                    lineOf(record),
                    request,
                    new FieldError(
                            undecodable[0],
                            StandardCharsets.UTF_8.equals(charset)
                                    ? NOT_UTF8
                                    : "holds bytes that are not " + charset.name()
                                            + " (aopay.file.charset); nothing of the row was sent"));
        }
        return new CsvRow(lineOf(record), request, null);
    }

    private long lineOf(CSVRecord record) {
        // commons-csv counts records from 1 after the header it consumed; the header is line 1
        lastLine = record.getRecordNumber() + 1;
        return lastLine;
    }

    /** The line number of the last row read (1 when only the header was). */
    long lastLine() {
        return lastLine;
    }

    /** Rows that held bytes not in the file's encoding (each REJECTED, saying so). */
    long undecodableRows() {
        return undecodableRows;
    }

    Charset charset() {
        return charset;
    }

    /** What was read of the file, byte for byte. */
    ReadTrace trace() {
        return trace;
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

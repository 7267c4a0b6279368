package org.aepsbridge.resendotp.hostile;

import static org.aepsbridge.resendotp.hostile.HostileCorpus.Answer.ACCEPTED;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Answer.ERROR_FILE;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Answer.NOT_A_REQUEST;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Answer.REJECTED;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Answer.RESULT_ROWS;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Answer.TOO_LARGE;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Answer.UNSUPPORTED_MEDIA_TYPE;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Channel.CSV;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Channel.JMS;
import static org.aepsbridge.resendotp.hostile.HostileCorpus.Channel.REST;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.support.TestClients;
import org.aepsbridge.resendotp.support.TestData;

/**
 * The hostile-input corpus, in one place: every case, the channels it applies to, and the
 * answer a careful bundle gives on each, written down next to it. {@code HostileInputTest}
 * runs it against REST, JMS and the CSV folder.
 *
 * <p>Answers: {@code ACCEPTED} = passes every rule and goes to AOPay exactly as given;
 * {@code REJECTED field} = REST 400 / JMS {@code REJECTED} on the rejected queue / CSV
 * {@code REJECTED} row, naming the field; {@code NOT_A_REQUEST} = REST 400 naming
 * {@code body} / JMS dead letter with {@code aopayFailureReason}; {@code TOO_LARGE} = REST
 * 413 / JMS dead letter; {@code UNSUPPORTED_MEDIA_TYPE} = REST 415; {@code ERROR_FILE} =
 * CSV {@code <name>.error.txt} saying why (after result rows for the rows before a break);
 * {@code RESULT_ROWS} = CSV result file with the listed outcomes.
 */
final class HostileCorpus {

    enum Channel {
        REST,
        JMS,
        CSV
    }

    enum Answer {
        ACCEPTED,
        REJECTED,
        NOT_A_REQUEST,
        TOO_LARGE,
        UNSUPPORTED_MEDIA_TYPE,
        ERROR_FILE,
        RESULT_ROWS
    }

    /** The written-down answer: {@code detail} is the field named, or a text the reason must contain. */
    record Expect(Answer answer, String detail, List<String> outcomes) {
        static Expect of(Answer answer, String detail) {
            return new Expect(answer, detail, List.of());
        }

        @Override
        public String toString() {
            return answer + (detail == null ? "" : " " + detail) + (outcomes.isEmpty() ? "" : " " + outcomes);
        }
    }

    /** What is sent. */
    sealed interface Input permits JsonBody, FieldValue, CsvFile, HttpBody, JmsInput {}

    /** A whole JSON document: the REST body and the JMS text message. */
    record JsonBody(String json) implements Input {}

    /**
     * One field of an otherwise valid request: {@code json} is the raw JSON value (a string
     * literal, a number, an object...), {@code csv} the CSV cell (null when CSV cannot say it).
     */
    record FieldValue(String field, String json, String csv) implements Input {}

    record CsvFile(byte[] content) implements Input {}

    record HttpBody(String contentType, byte[] body) implements Input {}

    enum JmsKind {
        TEXT,
        BYTES,
        MAP,
        OBJECT,
        NO_BODY
    }

    record JmsInput(JmsKind kind, byte[] payload) implements Input {}

    record HostileCase(String id, String what, Input input, Map<Channel, Expect> expected) {
        boolean appliesTo(Channel channel) {
            return expected.containsKey(channel);
        }

        Expect on(Channel channel) {
            return expected.get(channel);
        }

        @Override
        public String toString() {
            return id + " " + what;
        }
    }

    /** Fields of the request in contract order, with a valid value each (the CSV header is the same list). */
    static final Map<String, String> VALID = new LinkedHashMap<>();

    static {
        VALID.put("Userkey", "AOP554N3X");
        VALID.put("Mobile", TestData.MOBILE);
        VALID.put("AdhaarNumber", TestData.AADHAAR_SPACED);
        VALID.put("PrimaryKeyId", "P1");
        VALID.put("EncodeTxnId", "DEMO");
        VALID.put("RegistrationID", "AOP-554");
        VALID.put("Pipe", "bank6");
        VALID.put("AccessModeType", "SITE");
        VALID.put("Otp", "123456");
    }

    static final String HEADER = String.join(",", VALID.keySet());

    static final List<String> CORRELATION = List.of("PrimaryKeyId", "EncodeTxnId", "RegistrationID");
    static final List<String> OPTIONAL = List.of("Pipe", "AccessModeType", "Otp");

    /** The field that carries a run's unique tag, so each result and each AOPay call can be told apart. */
    static String tagField(String field) {
        return field.equals("PrimaryKeyId") ? "EncodeTxnId" : "PrimaryKeyId";
    }

    static final List<HostileCase> CASES = build();

    static Stream<HostileCase> on(Channel channel) {
        return CASES.stream().filter(c -> c.appliesTo(channel));
    }

    // --- the corpus -----------------------------------------------------------------

    private static List<HostileCase> build() {
        List<HostileCase> cases = new ArrayList<>();
        unicodeAndControlCharactersInEveryField(cases);
        blankAndLongValues(cases);
        wrongJsonTypes(cases);
        spreadsheetFormulas(cases);
        spreadsheetNumbers(cases);
        documentsThatAreNoRequest(cases);
        duplicateAndUnknownKeys(cases);
        restOnly(cases);
        jmsOnly(cases);
        csvFiles(cases);
        return List.copyOf(cases);
    }

    /** Inserted into (or, for digits, replacing the digits of) a valid value of each string field. */
    private enum Hostile {
        NUL("\u0000", true),
        BEL("\u0007", true),
        LF("\n", true),
        CR("\r", true),
        TAB("\t", true),
        RIGHT_TO_LEFT_OVERRIDE("\u202E", true),
        LINE_SEPARATOR("\u2028", true),
        ZERO_WIDTH_SPACE("\u200B", true),
        EMOJI("\uD83D\uDE00", false),
        COMBINING_MARK("e\u0301", false),
        FULL_WIDTH_DIGITS(null, false),
        DEVANAGARI_DIGITS(null, false);

        final String insert;
        /** A character that has no place in an identifier: control, bidi/invisible formatting, line separator. */
        final boolean invisible;

        Hostile(String insert, boolean invisible) {
            this.insert = insert;
            this.invisible = invisible;
        }

        String into(String field, String valid) {
            if (insert == null) {
                String base = valid.chars().anyMatch(Character::isDigit) ? valid : valid + "12";
                char zero = this == FULL_WIDTH_DIGITS ? '\uFF10' : '\u0966';
                StringBuilder out = new StringBuilder();
                base.chars().forEach(c -> out.append(c >= '0' && c <= '9' ? (char) (zero + c - '0') : (char) c));
                return out.toString();
            }
            int half = valid.length() / 2;
            return valid.substring(0, half) + insert + valid.substring(half);
        }
    }

    private static void unicodeAndControlCharactersInEveryField(List<HostileCase> cases) {
        for (String field : VALID.keySet()) {
            for (Hostile h : Hostile.values()) {
                String value = h.into(field, VALID.get(field));
                // Correlation fields are free text sent as given: any script, emoji, digits of
                // any kind; but no control, bidi-override or invisible characters (log and
                // spreadsheet injection, look-alike ids). Every other field has a strict ASCII rule.
                Answer answer = CORRELATION.contains(field) && !h.invisible ? ACCEPTED : REJECTED;
                Map<Channel, Expect> expected = all(Expect.of(answer, field));
                if (h == Hostile.NUL) {
                    expected.remove(CSV); // a NUL byte makes the whole CSV file binary: see the CSV file cases
                }
                cases.add(new HostileCase(
                        "unicode-" + field + "-" + h, field + " with " + h, field(field, value), expected));
            }
        }
    }

    private static void blankAndLongValues(List<HostileCase> cases) {
        for (String field : VALID.keySet()) {
            cases.add(new HostileCase(
                    "null-" + field,
                    field + " null",
                    new FieldValue(field, "null", null),
                    json(Expect.of(OPTIONAL.contains(field) ? ACCEPTED : REJECTED, field))));
            Map<Channel, Expect> empty = all(Expect.of(REJECTED, field));
            if (OPTIONAL.contains(field)) {
                empty.put(CSV, Expect.of(ACCEPTED, field)); // an empty CSV cell is an absent value
            }
            cases.add(new HostileCase("empty-" + field, field + " empty string", field(field, ""), empty));
            cases.add(new HostileCase(
                    "whitespace-" + field,
                    field + " only Unicode spaces (NBSP, ideographic, space)",
                    field(field, "\u00A0\u3000 "),
                    all(Expect.of(REJECTED, field))));
        }
        for (String field :
                List.of("Userkey", "Mobile", "AdhaarNumber", "PrimaryKeyId", "EncodeTxnId", "RegistrationID", "Otp")) {
            String filler = field.equals("Mobile") || field.equals("AdhaarNumber") || field.equals("Otp") ? "7" : "x";
            cases.add(new HostileCase(
                    "long10k-" + field,
                    field + " 10,000 characters",
                    field(field, filler.repeat(10_000)),
                    all(Expect.of(REJECTED, field))));
            // Over the 64 KiB request limit: REST 413, JMS dead letter; a CSV row may be up to 1 MiB.
            Map<Channel, Expect> huge = all(Expect.of(TOO_LARGE, "larger than"));
            huge.put(REST, Expect.of(TOO_LARGE, null));
            huge.put(CSV, Expect.of(REJECTED, field));
            cases.add(new HostileCase(
                    "long100k-" + field, field + " 100,000 characters", field(field, filler.repeat(100_000)), huge));
        }
    }

    private static void wrongJsonTypes(List<HostileCase> cases) {
        String m = TestData.MOBILE;
        jsonValue(cases, "Mobile", "float", m + ".0", REJECTED);
        jsonValue(cases, "Mobile", "exponent", "9.87654321E9", REJECTED);
        jsonValue(cases, "Mobile", "negative", "-" + m, REJECTED);
        jsonValue(cases, "Mobile", "boolean", "true", REJECTED);
        jsonValue(cases, "Mobile", "object", "{\"n\":" + m + "}", REJECTED);
        jsonValue(cases, "Mobile", "array", "[" + m + "]", REJECTED);
        jsonValue(cases, "Mobile", "empty-array", "[]", REJECTED);
        jsonValue(cases, "Mobile", "too-big-number", "9".repeat(30), REJECTED);
        // Jackson's limit (1000 digits) stops it before any rule: a document no request can be
        cases.add(new HostileCase(
                "type-Mobile-number-with-5000-digits",
                "Mobile as a JSON number of 5000 digits",
                new FieldValue("Mobile", "9".repeat(5000), null),
                Map.of(REST, Expect.of(NOT_A_REQUEST, "body"), JMS, Expect.of(NOT_A_REQUEST, "JSON"))));
        jsonValue(cases, "AdhaarNumber", "number", TestData.AADHAAR, ACCEPTED);
        jsonValue(cases, "AdhaarNumber", "float", TestData.AADHAAR + ".0", REJECTED);
        jsonValue(cases, "AdhaarNumber", "object", "{}", REJECTED);
        jsonValue(cases, "Userkey", "number", "12345", ACCEPTED);
        jsonValue(cases, "Userkey", "boolean", "false", REJECTED);
        jsonValue(cases, "PrimaryKeyId", "number", "42", ACCEPTED);
        jsonValue(cases, "PrimaryKeyId", "boolean", "true", REJECTED);
        jsonValue(cases, "PrimaryKeyId", "object", "{\"id\":\"P1\"}", REJECTED);
        jsonValue(cases, "EncodeTxnId", "array", "[\"DEMO\"]", REJECTED);
        jsonValue(cases, "RegistrationID", "object", "{\"RegistrationID\":\"AOP-554\"}", REJECTED);
        jsonValue(cases, "RegistrationID", "boolean", "true", REJECTED);
        jsonValue(cases, "Pipe", "number", "6", REJECTED);
        jsonValue(cases, "AccessModeType", "array", "[]", REJECTED);
        jsonValue(cases, "Otp", "number", "123456", ACCEPTED);
        jsonValue(cases, "Otp", "float", "1.5", REJECTED);
        jsonValue(cases, "Otp", "object", "{}", REJECTED);
    }

    private static void spreadsheetFormulas(List<HostileCase> cases) {
        // Accepted and sent as given; in the CSV result file the cell is neutralised with a leading '.
        List<String> formulas = List.of("=1+2", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://example.invalid\",\"x\")");
        for (String field : CORRELATION) {
            for (int i = 0; i < formulas.size(); i++) {
                cases.add(new HostileCase(
                        "formula-" + field + "-" + i,
                        field + " " + formulas.get(i),
                        field(field, formulas.get(i)),
                        all(Expect.of(ACCEPTED, field))));
            }
        }
    }

    private static void spreadsheetNumbers(List<HostileCase> cases) {
        // How a spreadsheet saves a long number in a column not formatted as Text: refused on every
        // channel (its digits may be lost); its text marker, a leading apostrophe, is dropped (docs/csv.md,
        // Spreadsheet exports).
        Map<String, List<String>> floats = Map.of(
                "AdhaarNumber", List.of("2.34123E+11", TestData.AADHAAR + ".0", "2,34123E+11"),
                "Mobile", List.of("9.87654E+09", TestData.MOBILE + ".0"));
        floats.forEach((field, values) -> {
            for (int i = 0; i < values.size(); i++) {
                cases.add(new HostileCase(
                        "spreadsheet-float-" + field + "-" + i,
                        field + " as a spreadsheet float " + values.get(i),
                        field(field, values.get(i)),
                        all(Expect.of(REJECTED, field))));
            }
        });
        for (String field : List.of("AdhaarNumber", "Mobile")) {
            cases.add(new HostileCase(
                    "spreadsheet-text-marker-" + field,
                    field + " with a leading apostrophe",
                    field(field, "'" + VALID.get(field)),
                    all(Expect.of(ACCEPTED, field))));
        }
    }

    private static void documentsThatAreNoRequest(List<HostileCase> cases) {
        String valid = request("P1");
        document(cases, "malformed", "{\"Userkey\": ", NOT_A_REQUEST, "body");
        document(cases, "truncated", valid.substring(0, valid.length() / 2), NOT_A_REQUEST, "body");
        document(cases, "trailing-garbage", valid + " x", NOT_A_REQUEST, "body");
        document(cases, "two-objects", valid + valid, NOT_A_REQUEST, "body");
        document(cases, "array", "[" + valid + "]", NOT_A_REQUEST, "body");
        document(cases, "string", "\"" + TestData.AADHAAR + "\"", NOT_A_REQUEST, "body");
        document(cases, "number", TestData.MOBILE, NOT_A_REQUEST, "body");
        document(cases, "null", "null", NOT_A_REQUEST, "body");
        document(cases, "boolean", "true", NOT_A_REQUEST, "body");
        document(cases, "empty", "", NOT_A_REQUEST, "body");
        document(cases, "whitespace", " \n\t ", NOT_A_REQUEST, "body");
        document(cases, "single-quotes", valid.replace('"', '\''), NOT_A_REQUEST, "body");
        document(cases, "comment", "/* hi */" + valid, NOT_A_REQUEST, "body");
        document(cases, "raw-control-in-string", valid.replace("\"DEMO\"", "\"DE\u0007MO\""), NOT_A_REQUEST, "body");
        document(cases, "raw-newline-in-string", valid.replace("\"DEMO\"", "\"DE\nMO\""), NOT_A_REQUEST, "body");
        document(
                cases,
                "nested-5000-deep",
                "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                NOT_A_REQUEST,
                "body");
        document(
                cases,
                "unquoted-aadhaar-garbage",
                "{\"AdhaarNumber\": " + TestData.AADHAAR + "X}",
                NOT_A_REQUEST,
                "body");
        document(
                cases,
                "full-width-number",
                "{\"Mobile\": \uFF19\uFF18\uFF17\uFF16\uFF15\uFF14\uFF13\uFF12\uFF11\uFF10}",
                NOT_A_REQUEST,
                "body");
        document(cases, "empty-object", "{}", REJECTED, "Userkey");
        document(cases, "lone-surrogate-escape", valid.replace("\"DEMO\"", "\"\\ud800\""), REJECTED, "EncodeTxnId");
        document(cases, "escaped-nul", valid.replace("\"DEMO\"", "\"D\\u0000\""), REJECTED, "EncodeTxnId");
    }

    private static void duplicateAndUnknownKeys(List<HostileCase> cases) {
        String valid = request("P1");
        // Duplicates are refused, naming the field, whatever the letter case or alias: a
        // document that says two things cannot be sent on anyone's behalf.
        document(
                cases,
                "duplicate-exact",
                valid.replace("{", "{\"Mobile\":" + TestData.MOBILE_2 + ","),
                REJECTED,
                "Mobile");
        document(
                cases,
                "duplicate-case",
                valid.replace("{", "{\"mobile\":" + TestData.MOBILE_2 + ","),
                REJECTED,
                "Mobile");
        document(
                cases,
                "duplicate-alias",
                valid.replace("{", "{\"AadhaarNumber\":\"" + TestData.AADHAAR_2 + "\","),
                REJECTED,
                "AdhaarNumber");
        document(
                cases,
                "duplicate-correlation",
                valid.replace("{", "{\"PRIMARYKEYID\":\"P0\","),
                REJECTED,
                "PrimaryKeyId");
        document(cases, "duplicate-optional", valid.replace("{", "{\"Otp\":\"1\",\"OTP\":\"2\","), REJECTED, "Otp");
        document(
                cases,
                "unknown-fields",
                valid.replace("{", "{\"extra\":{\"a\":[1,2,{\"b\":null}]},\"z\":\"\u202E\","),
                ACCEPTED,
                null);
        document(cases, "unknown-field-twice", valid.replace("{", "{\"extra\":1,\"extra\":2,"), REJECTED, "extra");
    }

    private static void restOnly(List<HostileCase> cases) {
        byte[] valid = request("P1").getBytes(StandardCharsets.UTF_8);
        for (String type : List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/octet-stream")) {
            cases.add(new HostileCase(
                    "content-type-" + type.replaceAll("\\W+", "-"),
                    "REST Content-Type " + type,
                    new HttpBody(type, valid),
                    Map.of(REST, Expect.of(UNSUPPORTED_MEDIA_TYPE, null))));
        }
        cases.add(new HostileCase(
                "rest-10MB",
                "REST body of 10 MB",
                new HttpBody("application/json", tenMegabyteJson()),
                Map.of(REST, Expect.of(TOO_LARGE, null))));
    }

    private static void jmsOnly(List<HostileCase> cases) {
        cases.add(new HostileCase(
                "jms-10MB-text",
                "JMS text message of 10 MB",
                new JmsInput(JmsKind.TEXT, tenMegabyteJson()),
                Map.of(JMS, Expect.of(TOO_LARGE, "larger than"))));
        cases.add(new HostileCase(
                "jms-10MB-bytes",
                "JMS bytes message of 10 MB",
                new JmsInput(JmsKind.BYTES, tenMegabyteJson()),
                Map.of(JMS, Expect.of(TOO_LARGE, "larger than"))));
        cases.add(new HostileCase(
                "jms-bytes-latin1",
                "JMS bytes message that is not UTF-8",
                new JmsInput(JmsKind.BYTES, request("M\u00FCller").getBytes(StandardCharsets.ISO_8859_1)),
                Map.of(JMS, Expect.of(NOT_A_REQUEST, "not UTF-8"))));
        cases.add(new HostileCase(
                "jms-bytes-binary",
                "JMS bytes message of binary junk",
                new JmsInput(JmsKind.BYTES, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xFF}),
                Map.of(JMS, Expect.of(NOT_A_REQUEST, "not UTF-8"))));
        cases.add(new HostileCase(
                "jms-map",
                "JMS map message",
                new JmsInput(JmsKind.MAP, null),
                Map.of(JMS, Expect.of(NOT_A_REQUEST, "not a text or bytes message"))));
        cases.add(new HostileCase(
                "jms-object",
                "JMS object message",
                new JmsInput(JmsKind.OBJECT, null),
                Map.of(JMS, Expect.of(NOT_A_REQUEST, "not a text or bytes message"))));
        cases.add(new HostileCase(
                "jms-no-body",
                "JMS message without a body",
                new JmsInput(JmsKind.NO_BODY, null),
                Map.of(JMS, Expect.of(NOT_A_REQUEST, "not a text or bytes message"))));
    }

    private static void csvFiles(List<HostileCase> cases) {
        String ok = csvRow("ok");
        csv(
                cases,
                "binary",
                "PNG bytes",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13},
                ERROR_FILE,
                "binary");
        csv(cases, "empty", "0 bytes", new byte[0], ERROR_FILE, "empty");
        csv(cases, "blank-lines", "only blank lines", bytes("\n\r\n\n"), ERROR_FILE, "empty");
        csv(cases, "header-only", "header, no rows", bytes(HEADER + "\r\n"), RESULT_ROWS, null);
        csv(
                cases,
                "header-missing",
                "rows without a header",
                bytes(ok + "\n" + ok + "\n"),
                ERROR_FILE,
                "lacks the required column");
        csv(
                cases,
                "header-twice",
                "a column named twice",
                bytes(HEADER + ",mobile\n" + ok + ",1\n"),
                ERROR_FILE,
                "twice");
        csv(
                cases,
                "utf16",
                "UTF-16 text",
                ("\uFEFF" + HEADER + "\n" + ok + "\n").getBytes(StandardCharsets.UTF_16LE),
                ERROR_FILE,
                "binary");
        csv(
                cases,
                "nul-early",
                "a NUL byte in the first row",
                bytes(HEADER + "\n" + ok.replace("DEMO", "DE\u0000MO") + "\n"),
                ERROR_FILE,
                "binary");
        casesWithRows(
                cases,
                "nul-late",
                "a NUL byte in a row after the first 4 KiB",
                bytes(HEADER + "\n" + "\n".repeat(5000) + ok.replace("DEMO", "DE\u0000MO") + "\n" + ok + "\n"),
                RESULT_ROWS,
                null,
                "REJECTED",
                "SUCCESS");
        casesWithRows(
                cases,
                "unbalanced-quote",
                "an unbalanced quote on the second row",
                bytes(HEADER + "\n" + ok + "\n" + ok.replace("DEMO", "\"DEMO") + "\n" + ok + "\n"),
                ERROR_FILE,
                "line",
                "SUCCESS");
        casesWithRows(
                cases,
                "mixed-line-endings",
                "CRLF, LF and CR line endings in one file",
                bytes(HEADER + "\r\n" + ok + "\n" + ok + "\r" + ok + "\r\n"),
                RESULT_ROWS,
                null,
                "SUCCESS",
                "SUCCESS",
                "SUCCESS");
        casesWithRows(
                cases,
                "extra-column",
                "a row with one value too many (an unquoted comma shifts every value after it)",
                bytes(HEADER + "\n" + ok + "\n" + ok.replace("DEMO", "DE,MO") + "\n" + ok + "\n"),
                RESULT_ROWS,
                null,
                "SUCCESS",
                "REJECTED",
                "SUCCESS");
        casesWithRows(
                cases,
                "missing-column",
                "a row with one value too few",
                bytes(HEADER + "\n" + ok.substring(0, ok.lastIndexOf(',')) + "\n" + ok + "\n"),
                RESULT_ROWS,
                null,
                "REJECTED",
                "SUCCESS");
        casesWithRows(
                cases,
                "million-columns",
                "a row of a million columns",
                bytes(HEADER + "\n" + ok + "\n" + ",x".repeat(1_000_000) + "\n" + ok + "\n"),
                ERROR_FILE,
                "longer than",
                "SUCCESS");
        casesWithRows(
                cases,
                "huge-line",
                "a single line of 20 MB",
                bytes(HEADER + "\n" + ok + "\n" + "y".repeat(20_000_000) + "\n"),
                ERROR_FILE,
                "longer than",
                "SUCCESS");
        casesWithRows(
                cases,
                "huge-quoted-field",
                "an unclosed quote followed by 20 MB of lines",
                bytes(HEADER + "\n" + ok + "\n\"" + "z,z,z,z\n".repeat(2_500_000)),
                ERROR_FILE,
                "longer than",
                "SUCCESS");
        casesWithRows(
                cases,
                "invalid-utf8",
                "Latin-1 bytes in a value",
                concat(
                        bytes(HEADER + "\n" + ok.substring(0, ok.indexOf("DEMO")) + "M"),
                        new byte[] {(byte) 0xFC},
                        bytes("ller" + ok.substring(ok.indexOf("DEMO") + 4) + "\n" + ok + "\n")),
                RESULT_ROWS,
                null,
                "REJECTED",
                "SUCCESS");
    }

    // --- building blocks ------------------------------------------------------------

    private static Map<Channel, Expect> all(Expect expect) {
        Map<Channel, Expect> map = new EnumMap<>(Channel.class);
        map.put(REST, expect);
        map.put(JMS, expect);
        map.put(CSV, expect);
        return map;
    }

    private static Map<Channel, Expect> json(Expect expect) {
        Map<Channel, Expect> map = all(expect);
        map.remove(CSV);
        return map;
    }

    /** A text value in a JSON string and in a CSV cell. */
    private static FieldValue field(String field, String text) {
        return new FieldValue(field, jsonString(text), text);
    }

    private static void jsonValue(List<HostileCase> cases, String field, String kind, String json, Answer answer) {
        cases.add(new HostileCase(
                "type-" + field + "-" + kind,
                field + " as JSON " + kind,
                new FieldValue(field, json, null),
                json(Expect.of(answer, field))));
    }

    /** A whole document; a body a REST caller gets 400 for is a dead letter on JMS (it can never become a request). */
    private static void document(List<HostileCase> cases, String id, String json, Answer answer, String field) {
        Map<Channel, Expect> expected = json(Expect.of(answer, field));
        if (answer == NOT_A_REQUEST) {
            expected.put(JMS, Expect.of(NOT_A_REQUEST, "JSON"));
        }
        cases.add(new HostileCase("json-" + id, "JSON document: " + id, new JsonBody(json), expected));
    }

    private static void csv(
            List<HostileCase> cases, String id, String what, byte[] content, Answer answer, String detail) {
        casesWithRows(cases, id, what, content, answer, detail);
    }

    private static void casesWithRows(
            List<HostileCase> cases,
            String id,
            String what,
            byte[] content,
            Answer answer,
            String detail,
            String... outcomes) {
        cases.add(new HostileCase(
                "csv-" + id,
                "CSV file: " + what,
                new CsvFile(content),
                Map.of(CSV, new Expect(answer, detail, List.of(outcomes)))));
    }

    /** A valid request with the given PrimaryKeyId. */
    static String request(String primaryKeyId) {
        return requestJson(Map.of("PrimaryKeyId", jsonString(primaryKeyId)));
    }

    /** The valid request with some fields replaced by raw JSON values (optional fields only when given). */
    static String requestJson(Map<String, String> rawValues) {
        StringBuilder json = new StringBuilder("{");
        for (String field : VALID.keySet()) {
            String raw = rawValues.get(field);
            if (raw == null && OPTIONAL.contains(field)) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"')
                    .append(field)
                    .append("\":")
                    .append(
                            raw != null
                                    ? raw
                                    : field.equals("Mobile") ? VALID.get(field) : jsonString(VALID.get(field)));
        }
        return json.append('}').toString();
    }

    /** A valid CSV row (all nine columns, optional ones empty) with the given PrimaryKeyId. */
    static String csvRow(String primaryKeyId) {
        return "AOP554N3X," + TestData.MOBILE + "," + TestData.AADHAAR + "," + primaryKeyId + ",DEMO,AOP-554,,,";
    }

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    // --- credentials (REST): what a caller may put in X-API-Key ------------------------------

    /**
     * A hostile REST credential: the header lines sent as given (raw bytes on a socket, see
     * support/RawHttp), and the answer: the HTTP status and, for a 401, the rule its body
     * names. None of them may reach the core or be echoed.
     */
    record CredentialCase(String id, String what, List<String> headerLines, int status, String rule) {
        @Override
        public String toString() {
            return id + " " + what;
        }
    }

    static final String MISSING =
            "is required: every call carries its client's API key (or a client certificate where mutual TLS is on)";
    static final String MALFORMED = "must be 64 hexadecimal characters (a 256-bit key)";
    static final String REPEATED = "must be given once";

    static final List<CredentialCase> CREDENTIALS = List.of(
            new CredentialCase("cred-empty", "an empty value", List.of("X-API-Key: "), 401, MISSING),
            new CredentialCase("cred-blank", "spaces only", List.of("X-API-Key:      "), 401, MISSING),
            new CredentialCase(
                    "cred-twice-same",
                    "the right key, twice",
                    List.of("X-API-Key: " + TestClients.KEY, "X-API-Key: " + TestClients.KEY),
                    401,
                    REPEATED),
            new CredentialCase(
                    "cred-twice-other",
                    "the right key and a wrong one",
                    List.of("X-API-Key: " + TestClients.KEY, "x-api-key: " + TestClients.UNKNOWN_KEY),
                    401,
                    REPEATED),
            new CredentialCase(
                    "cred-comma",
                    "two keys in one value",
                    List.of("X-API-Key: " + TestClients.KEY + ", " + TestClients.KEY),
                    401,
                    MALFORMED),
            new CredentialCase(
                    "cred-bearer",
                    "the key with a scheme before it",
                    List.of("X-API-Key: Bearer " + TestClients.KEY),
                    401,
                    MALFORMED),
            new CredentialCase(
                    "cred-fullwidth",
                    "64 fullwidth digits (Unicode, raw UTF-8)",
                    List.of("X-API-Key: " + "\uFF10".repeat(64)),
                    401,
                    MALFORMED),
            new CredentialCase(
                    "cred-emoji", "an emoji key", List.of("X-API-Key: " + "\uD83D\uDD11".repeat(32)), 401, MALFORMED),
            new CredentialCase(
                    "cred-tab",
                    "a tab inside the key",
                    List.of("X-API-Key: " + TestClients.KEY.substring(0, 32) + "\t" + TestClients.KEY.substring(33)),
                    401,
                    MALFORMED),
            new CredentialCase(
                    "cred-10k", "a 10 KB value", List.of("X-API-Key: " + "a".repeat(10 * 1024)), 401, MALFORMED),
            new CredentialCase(
                    "cred-64k",
                    "a 64 KB value (past the server's header limit)",
                    List.of("X-API-Key: " + "a".repeat(64 * 1024)),
                    431,
                    null),
            new CredentialCase(
                    "cred-100-headers",
                    "the header 100 times",
                    java.util.Collections.nCopies(100, "X-API-Key: " + TestClients.UNKNOWN_KEY),
                    401,
                    REPEATED),
            new CredentialCase(
                    "cred-wrong-header",
                    "the key in Authorization instead",
                    List.of("Authorization: Bearer " + TestClients.KEY),
                    401,
                    MISSING));

    private static byte[] tenMegabyteJson() {
        return request("x".repeat(10 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private HostileCorpus() {}
}

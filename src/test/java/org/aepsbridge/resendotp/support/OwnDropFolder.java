package org.aepsbridge.resendotp.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A test class's own CSV folders, under {@code target/test-files/<class>/}, so that no file
 * another class left behind reaches it (give {@link #settings(String)} to the class's test
 * profile); and the well-behaved producer's way to drop a file and read its result.
 */
public final class OwnDropFolder {

    public static final String HEADER = "Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID";

    private final Path inbox;
    private final Path outbox;

    public OwnDropFolder(Path inbox, Path outbox) {
        this.inbox = inbox;
        this.outbox = outbox;
    }

    /** The aopay.file.* settings for a test class of this name. */
    public static Map<String, String> settings(String testClass) {
        String root = "target/test-files/" + testClass + "/";
        return Map.of(
                "aopay.file.inbox", root + "inbox",
                "aopay.file.outbox", root + "outbox",
                "aopay.file.done", root + "done",
                "aopay.file.error", root + "error",
                "aopay.file.work", "./" + root + "work");
    }

    /** A data row of the required columns. */
    public static String row(String mobile, String aadhaar, String primaryKeyId, String registrationId) {
        return "AOP554N3X," + mobile + "," + aadhaar + "," + primaryKeyId + ",DEMO," + registrationId;
    }

    /** Writes {@code <stem>.csv} beside the inbox and moves it in whole. */
    public void drop(String stem, String content) throws IOException {
        Files.createDirectories(inbox);
        Path staging = inbox.resolveSibling(stem + ".staging");
        Files.writeString(staging, content);
        Files.move(staging, inbox.resolve(stem + ".csv"));
    }

    /** The rows of {@code <stem>.result.csv} once it is there. */
    public List<CSVRecord> awaitResult(String stem, Duration atMost) throws IOException {
        Path result = outbox.resolve(stem + ".result.csv");
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(result));
        try (Reader in = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }
}

package org.aepsbridge.resendotp.csv;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A file written slowly into the inbox is read only once it is complete: once it has been
 * unchanged for the stability window (aopay.file.stable-for-ms). Under a window of its own,
 * 5 s against pauses of 250 ms between writes: with the test profile's 400 ms, one pause of a
 * loaded machine's scheduler in the writer made the file look complete (a chance failure).
 */
@QuarkusTest
@TestProfile(SlowWriterTest.LongStabilityWindow.class)
class SlowWriterTest {

    static final Duration WINDOW = Duration.ofSeconds(5);
    static final Duration PAUSE = Duration.ofMillis(250);

    public static class LongStabilityWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnFolders.with(
                    "slow-writer", Map.of("aopay.file.stable-for-ms", String.valueOf(WINDOW.toMillis())));
        }
    }

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    @Test
    void aFileWrittenSlowlyIsReadOnlyOnceComplete() throws Exception {
        String stem = CsvChannelTest.unique("slow");
        Files.createDirectories(inbox);
        Path file = inbox.resolve(stem + ".csv");
        int rowsWritten = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            out.write((CsvChannelTest.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            for (int piece = 0; piece < 10; piece++) {
                out.write((CsvChannelTest.row(stem + "-" + piece, "AOP-554") + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                rowsWritten++;
                Thread.sleep(PAUSE.toMillis()); // far shorter than the window, 2.5 s in all
            }
        }
        Path result = outbox.resolve(stem + ".result.csv");
        await().atMost(WINDOW.plusSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(result));
        assertEquals(rowsWritten, CsvChannelTest.rows(result).size(), "the file was read before it was complete");
    }
}

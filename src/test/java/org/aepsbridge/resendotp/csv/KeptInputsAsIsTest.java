package org.aepsbridge.resendotp.csv;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.aepsbridge.resendotp.support.OutputHygiene;
import org.aepsbridge.resendotp.support.OwnDropFolder;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code aopay.file.keep-inputs=as-is}: the explicit choice keeps the input exactly as it came
 * (full numbers and all) and says so with a warning at start. This test's folder is on the
 * output hygiene check's allow list: it keeps full numbers on purpose.
 */
@QuarkusTest
@TestProfile(KeptInputsAsIsTest.Profile.class)
class KeptInputsAsIsTest {

    static final String FOLDER = "KeptInputsAsIsTest";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnFolders.with(FOLDER, Map.of("aopay.file.keep-inputs", "as-is"));
        }
    }

    final DropFolder folder = new DropFolder(null);

    @BeforeAll
    static void onTheAllowList() {
        OutputHygiene.keptAsIs(Path.of("target", "test-files", FOLDER));
    }

    @Test
    void theInputIsKeptExactlyAsItCameAndTheChoiceIsWarnedAbout() throws IOException {
        String stem = "as-is-" + System.nanoTime() % 100_000;
        String content = OwnDropFolder.HEADER + "\n"
                + OwnDropFolder.row(TestData.MOBILE, TestData.AADHAAR, stem + "-1", "AOP-554") + "\n";
        folder.drop(stem + ".csv", content);
        assertEquals(
                "SUCCESS",
                new OwnDropFolder(folder.inbox, folder.outbox)
                        .awaitResult(stem, KeptInputsTest.WAIT)
                        .get(0)
                        .get("outcome"));
        Path kept = KeptInputsTest.awaitKept(folder.done, stem);
        await().atMost(KeptInputsTest.WAIT).until(() -> !Files.exists(folder.inbox.resolve(stem + ".csv")));
        assertArrayEquals(content.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(kept));
        String log = Files.readString(Path.of("target", "application-test.log"), StandardCharsets.UTF_8);
        assertTrue(
                log.contains("WARN")
                        && log.contains("aopay.file.keep-inputs=as-is: input CSV files are kept in "
                                + "target/test-files/" + FOLDER + "/done and target/test-files/" + FOLDER
                                + "/error with every full Aadhaar"),
                "the start warns about the choice");
    }
}

package org.aepsbridge.resendotp.csv;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aepsbridge.resendotp.support.OwnDropFolder;
import org.aepsbridge.resendotp.support.OwnFolders;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;

/**
 * {@code aopay.file.keep-inputs=delete}: nothing of a processed input is kept, and the change
 * watch ({@code aopay.file.change-watch=0s} here) holds nothing either; a file that goes to
 * error is still kept, masked by the same rule as in {@code masked}.
 */
@QuarkusTest
@TestProfile(KeptInputsDeleteTest.Profile.class)
class KeptInputsDeleteTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnFolders.with(
                    "KeptInputsDeleteTest",
                    Map.of("aopay.file.keep-inputs", "delete", "aopay.file.change-watch", "0s"));
        }
    }

    final DropFolder folder = new DropFolder(null);

    @Test
    void nothingOfAProcessedInputIsKept() throws IOException {
        String stem = "deleted-" + System.nanoTime() % 100_000;
        folder.drop(
                stem + ".csv",
                OwnDropFolder.HEADER + "\n"
                        + OwnDropFolder.row(TestData.MOBILE, TestData.AADHAAR, stem + "-1", "AOP-554") + "\n");
        assertEquals(
                "SUCCESS",
                new OwnDropFolder(folder.inbox, folder.outbox)
                        .awaitResult(stem, KeptInputsTest.WAIT)
                        .get(0)
                        .get("outcome"));
        await().atMost(KeptInputsTest.WAIT).until(() -> !Files.exists(folder.inbox.resolve(stem + ".csv")));
        assertEquals(List.of(), KeptInputsTest.startingWith(folder.done, stem), "nothing in done");
        Path work = Path.of(
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("aopay.file.work", String.class));
        try (var left = Files.walk(work)) {
            assertEquals(
                    List.of(),
                    left.filter(Files::isRegularFile)
                            .filter(file -> file.getFileName().toString().contains(stem))
                            .toList(),
                    "nothing of the input left in the work folder");
        }
    }

    @Test
    void aRefusedFileIsStillKeptMaskedInError() throws IOException {
        String stem = "refused-" + System.nanoTime() % 100_000;
        folder.drop(stem + ".csv", "Mobile,AdhaarNumber\n" + TestData.MOBILE + "," + TestData.AADHAAR + "\n");
        Path kept = KeptInputsTest.awaitKept(folder.error, stem);
        await().atMost(KeptInputsTest.WAIT).until(() -> !Files.exists(folder.inbox.resolve(stem + ".csv")));
        assertEquals(
                "Mobile,AdhaarNumber\r\nXXXXXX3210,XXXX XXXX 2346\r\n", Files.readString(kept, StandardCharsets.UTF_8));
        assertFalse(Files.exists(folder.inbox.resolve(stem + ".csv")));
    }
}

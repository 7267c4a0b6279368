package org.aepsbridge.resendotp.csv;

import static org.aepsbridge.resendotp.csv.CsvChannelTest.HEADER;
import static org.aepsbridge.resendotp.csv.CsvChannelTest.hasFileStartingWith;
import static org.aepsbridge.resendotp.csv.CsvChannelTest.row;
import static org.aepsbridge.resendotp.csv.CsvChannelTest.rows;
import static org.aepsbridge.resendotp.csv.CsvChannelTest.unique;
import static org.aepsbridge.resendotp.csv.DropFolder.WAIT;
import static org.aepsbridge.resendotp.csv.DropFolder.write;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The drop folder's settings for writers that say when a file is complete, and for senders
 * whose files come in Windows-1252: {@code aopay.file.done-marker=$simple{file:name}.done}
 * and {@code aopay.file.charset=windows-1252}, with real files.
 */
@QuarkusTest
@TestProfile(CsvDoneMarkerTest.MarkerAndCharset.class)
@QuarkusTestResource(AopayStandIn.class)
class CsvDoneMarkerTest extends DropFolderTest {

    public static class MarkerAndCharset implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aopay.file.done-marker", "$simple{file:name}.done", "aopay.file.charset", "windows-1252");
        }
    }

    static final Charset CP1252 = Charset.forName("windows-1252");

    @Test
    void aFileIsReadOnlyOnceItsMarkerAppearsHoweverLongTheWriterPauses() throws Exception {
        String stem = unique("marked");
        Files.createDirectories(folder.inbox);
        Path file = folder.inbox.resolve(stem + ".csv");
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            write(out, HEADER + "\n" + row(stem + "-1", "AOP-554") + "\n" + row(stem + "-2", "AOP-554") + "\n");
            // 3 s: many times the 400 ms stability window; without its marker the half file is not read
            Thread.sleep(3000);
            assertFalse(
                    Files.exists(folder.outbox.resolve(stem + ".result.csv")), "read before its done-marker appeared");
            write(out, row(stem + "-3", "AOP-554") + "\n" + row(stem + "-4", "AOP-554") + "\n");
        }
        Thread.sleep(1500); // complete, older than the window, still no marker
        assertFalse(Files.exists(folder.outbox.resolve(stem + ".result.csv")), "read before its done-marker appeared");
        Path marker = Files.createFile(folder.inbox.resolve(stem + ".csv.done"));

        List<CSVRecord> rows = rows(folder.awaitResult(stem));
        assertEquals(
                List.of("2", "3", "4", "5"),
                rows.stream().map(r -> r.get("line")).toList());
        assertEquals(
                List.of(1, 1, 1, 1),
                IntStream.rangeClosed(1, 4)
                        .mapToObj(i -> folder.aopayCallsFor(stem + "-" + i))
                        .toList());
        // the marker is the file's: it goes when the file has been processed
        await().atMost(WAIT).until(() -> hasFileStartingWith(folder.done, stem + ".") && !Files.exists(marker));
    }

    @Test
    void aConfiguredWindows1252FileIsReadAsSuch() throws Exception {
        String stem = unique("cp1252");
        String name = stem + "-M\u00FCller \u20AC";
        String content = HEADER + "\r\n" + "AOP554N3X," + TestData.MOBILE + "," + TestData.AADHAAR + "," + name
                + ",DEMO,AOP-554\r\n";
        folder.drop(stem + ".csv", content.getBytes(CP1252));
        Files.createFile(folder.inbox.resolve(stem + ".csv.done"));
        List<CSVRecord> rows = rows(folder.awaitResult(stem));
        assertEquals("SUCCESS", rows.get(0).get("outcome"), rows.get(0).get("message"));
        assertEquals(name, rows.get(0).get("PrimaryKeyId"));
        assertEquals(1, folder.aopayCallsFor(name), "AOPay gets the text as written, not the Windows-1252 bytes");
    }
}

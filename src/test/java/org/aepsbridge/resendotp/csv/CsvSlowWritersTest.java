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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.PrometheusText;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Writers that go on after their file was read (issue 10, part 2), with real files: a
 * writer that pauses longer than the stability window (400 ms in tests) has its file read;
 * what it writes afterwards must not be lost without a trace. No timing: the writer
 * pauses until the bundle has visibly read the file (its result file exists and the input
 * moved to done), then writes on.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class CsvSlowWritersTest extends DropFolderTest {

    @Test
    void rowsAppendedAfterTheFileWasReadAreReportedNeverLostAndNeverSent() throws Exception {
        String stem = unique("appended");
        String changed = "aopay_csv_files_changed_total{when=\"after-read\"}";
        double changedBefore = PrometheusText.parse(metrics()).getOrDefault(changed, 0.0);
        Files.createDirectories(folder.inbox);
        try (OutputStream out =
                Files.newOutputStream(folder.inbox.resolve(stem + ".csv"), StandardOpenOption.CREATE_NEW)) {
            write(out, HEADER + "\n" + row(stem + "-1", "AOP-554") + "\n" + row(stem + "-2", "AOP-554") + "\n");
            // the writer pauses until its half file was read and moved to done (its open file moves with it)
            assertEquals(2, rows(folder.awaitResult(stem)).size());
            await().atMost(WAIT).until(() -> hasFileStartingWith(folder.done, stem + "."));
            write(out, row(stem + "-3", "AOP-554") + "\n" + row(stem + "-4", "AOP-554") + "\n");
        }

        Path reason = folder.error.resolve(stem + ".error.txt");
        await().atMost(WAIT).until(() -> Files.exists(reason));
        String text = Files.readString(reason);
        assertTrue(text.contains("changed after it was read"), text);
        assertTrue(
                text.contains("rows up to line 3 were processed")
                        && text.contains("Rows after line 3 were never read or sent"),
                text);
        // the whole file, appended rows included, is kept in the error folder, not in done
        await().atMost(WAIT).until(() -> !hasFileStartingWith(folder.done, stem + "."));
        Path kept = keptInput(folder.error, stem);
        assertEquals(5, Files.readAllLines(kept).size());
        assertTrue(Files.readString(kept).contains(stem + "-4"));
        // each read row went to AOPay once; the rows never read were not sent
        assertEquals(
                List.of(1, 1, 0, 0),
                Stream.of("-1", "-2", "-3", "-4")
                        .map(n -> folder.aopayCallsFor(stem + n))
                        .toList());
        // loud: a log line naming the file, and a metric
        await().atMost(WAIT)
                .until(() -> DropFolder.log().contains("CSV file changed after it was read: file=" + stem + ".csv"));
        // (the series exists at 0 from the start, for the alerts: the file counts as one more)
        assertEquals(changedBefore + 1, PrometheusText.parse(metrics()).get(changed), changed);
    }

    static String metrics() {
        return Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void aRowCutByTheWritersPauseIsNamedInTheReport() throws Exception {
        String stem = unique("cut");
        String cutRow = row(stem + "-2", "AOP-554");
        int cut = cutRow.indexOf(',', cutRow.indexOf(',') + 1); // after Userkey and Mobile
        Files.createDirectories(folder.inbox);
        try (OutputStream out =
                Files.newOutputStream(folder.inbox.resolve(stem + ".csv"), StandardOpenOption.CREATE_NEW)) {
            write(out, HEADER + "\n" + row(stem + "-1", "AOP-554") + "\n" + cutRow.substring(0, cut));
            List<CSVRecord> read = rows(folder.awaitResult(stem));
            // the half row has too few values: REJECTED, nothing of it sent
            assertEquals(
                    List.of("SUCCESS", "REJECTED"),
                    read.stream().map(r -> r.get("outcome")).toList());
            assertTrue(
                    read.get(1).get("message").contains("has 2 values but the header names 6 columns"),
                    read.get(1).get("message"));
            await().atMost(WAIT).until(() -> hasFileStartingWith(folder.done, stem + "."));
            write(out, cutRow.substring(cut) + "\n" + row(stem + "-3", "AOP-554") + "\n");
        }
        Path reason = folder.error.resolve(stem + ".error.txt");
        await().atMost(WAIT).until(() -> Files.exists(reason));
        String text = Files.readString(reason);
        assertTrue(
                text.contains("Line 3, the last one read, did not end with a line break: it may have been cut"), text);
        assertEquals(0, folder.aopayCallsFor(stem + "-2"));
        assertEquals(0, folder.aopayCallsFor(stem + "-3"));
    }

    @Test
    void aFileLeftAloneAfterItWasReadStaysInDone() throws Exception {
        String stem = unique("left-alone");
        folder.drop(stem + ".csv", HEADER + "\n" + row(stem, "AOP-554") + "\n");
        folder.awaitResult(stem);
        await().atMost(WAIT).until(() -> hasFileStartingWith(folder.done, stem + "."));
        // a later file's report proves the watch has looked at the folder since (no sleeping)
        rowsAppendedAfterTheFileWasReadAreReportedNeverLostAndNeverSent();
        assertTrue(hasFileStartingWith(folder.done, stem + "."));
        assertFalse(Files.exists(folder.error.resolve(stem + ".error.txt")));
    }

    /** The one input file {@code <stem>.<time stamp>.csv} in the folder. */
    private static Path keptInput(Path dir, String stem) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(stem + ".")
                            && f.getFileName().toString().endsWith(".csv"))
                    .toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }
}

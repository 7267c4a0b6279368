package org.aepsbridge.resendotp.csv;

import static io.restassured.RestAssured.given;
import static org.aepsbridge.resendotp.csv.CsvChannelTest.HEADER;
import static org.aepsbridge.resendotp.csv.CsvChannelTest.hasFileStartingWith;
import static org.aepsbridge.resendotp.csv.CsvChannelTest.rows;
import static org.aepsbridge.resendotp.csv.CsvChannelTest.unique;
import static org.aepsbridge.resendotp.csv.DropFolder.WAIT;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.TestData;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * CSV files as spreadsheets export them (issue 10, part 3), as real files: numbers a
 * spreadsheet turned into floats, its text marker, Windows-1252, and ';' or tab separators.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class CsvSpreadsheetExportTest extends DropFolderTest {

    static String row(String aadhaar, String mobile, String primaryKeyId) {
        return "AOP554N3X," + mobile + "," + aadhaar + "," + primaryKeyId + ",DEMO,AOP-554";
    }

    @Test
    void numbersTheSpreadsheetTurnedIntoFloatsAreRejectedSayingSoWithoutAMadeUpMask() throws Exception {
        String stem = unique("floats");
        folder.drop(
                stem + ".csv",
                String.join(
                                "\r\n",
                                HEADER,
                                row("2.34123E+11", TestData.MOBILE, stem + "-sci-aadhaar"),
                                row(TestData.AADHAAR, "9.87654E+09", stem + "-sci-mobile"),
                                row(TestData.AADHAAR + ".0", TestData.MOBILE, stem + "-dot-zero"),
                                row("'" + TestData.AADHAAR, "'" + TestData.MOBILE, stem + "-apostrophe"))
                        + "\r\n");
        List<CSVRecord> rows = rows(folder.awaitResult(stem));
        assertEquals(
                List.of("REJECTED", "REJECTED", "REJECTED", "SUCCESS"),
                rows.stream().map(r -> r.get("outcome")).toList());
        for (int i : new int[] {0, 2}) {
            String message = rows.get(i).get("message");
            assertTrue(
                    message.contains("AdhaarNumber is a number with a decimal point or an exponent")
                            && message.contains("spreadsheet")
                            && message.contains("Text"),
                    message);
            assertEquals("", rows.get(i).get("maskedAadhaar"), "a mask of digits that never were an Aadhaar number");
            assertEquals("XXXXXX3210", rows.get(i).get("maskedMobile"));
        }
        assertTrue(
                rows.get(1).get("message").contains("Mobile is a number with a decimal point or an exponent"),
                rows.get(1).get("message"));
        assertEquals("", rows.get(1).get("maskedMobile"));
        assertEquals("XXXX XXXX 2346", rows.get(3).get("maskedAadhaar"));
        assertEquals(
                List.of(0, 0, 0, 1),
                List.of(
                        folder.aopayCallsFor(stem + "-sci-aadhaar"),
                        folder.aopayCallsFor(stem + "-sci-mobile"),
                        folder.aopayCallsFor(stem + "-dot-zero"),
                        folder.aopayCallsFor(stem + "-apostrophe")));
    }

    @Test
    void theSameRulesHoldOnRest() {
        String body = TestData.request("AOP-554").replace("\"" + TestData.AADHAAR_SPACED + "\"", "\"2.34123E+11\"");
        given().contentType("application/json")
                .body(body)
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(400)
                .body("outcome", equalTo("REJECTED"))
                .body("fieldErrors[0].field", equalTo("AdhaarNumber"))
                .body("fieldErrors[0].message", containsString("spreadsheet"))
                .body("maskedAadhaar", nullValue());
    }

    @Test
    void aWindows1252FileIsToldToBeExportedAsUtf8() throws Exception {
        String stem = unique("cp1252");
        String content = String.join(
                        "\r\n",
                        HEADER,
                        "AOP554N3X," + TestData.MOBILE + "," + TestData.AADHAAR + "," + stem
                                + "-m\u00FCller,DEMO,AOP-554",
                        "AOP554N3X," + TestData.MOBILE + "," + TestData.AADHAAR + "," + stem + "-plain,DEMO,AOP-554")
                + "\r\n";
        folder.drop(stem + ".csv", content.getBytes(Charset.forName("windows-1252")));
        List<CSVRecord> rows = rows(folder.awaitResult(stem));
        assertEquals(
                List.of("REJECTED", "SUCCESS"),
                rows.stream().map(r -> r.get("outcome")).toList());
        String message = rows.get(0).get("message");
        assertTrue(
                message.contains("PrimaryKeyId holds bytes that are not UTF-8")
                        && message.contains("Windows-1252")
                        && message.contains("CSV UTF-8")
                        && message.contains("aopay.file.charset"),
                message);
        await().atMost(WAIT)
                .until(() -> DropFolder.log()
                        .lines()
                        .anyMatch(line -> line.contains("CSV batch done: file=" + stem + ".csv")
                                && line.contains(
                                        "1 row(s) hold bytes that are not UTF-8 (the file looks like Windows-1252")));
        // as decoded, the value would have gone out with U+FFFD in place of the byte
        assertEquals(0, folder.aopayCallsFor(stem + "-m\uFFFDller"));
        assertEquals(1, folder.aopayCallsFor(stem + "-plain"));
    }

    @Test
    void semicolonAndTabSeparatedFilesAreReadByTheirHeader() throws Exception {
        String semicolon = unique("semicolon");
        folder.drop(
                semicolon + ".csv",
                (HEADER + "\n" + row(TestData.AADHAAR_SPACED, "+91 98765-43210", semicolon)).replace(',', ';') + "\n");
        String tab = unique("tab");
        folder.drop(
                tab + ".csv", (HEADER + "\n" + row(TestData.AADHAAR, TestData.MOBILE, tab)).replace(',', '\t') + "\n");
        for (String stem : List.of(semicolon, tab)) {
            List<CSVRecord> rows = rows(folder.awaitResult(stem));
            assertEquals(1, rows.size());
            assertEquals("SUCCESS", rows.get(0).get("outcome"), rows.get(0).get("message"));
            assertEquals(stem, rows.get(0).get("PrimaryKeyId"));
            assertEquals(1, folder.aopayCallsFor(stem));
        }
    }

    @Test
    void anotherSeparatorIsNamedInTheReason() throws Exception {
        String stem = unique("pipes");
        folder.drop(
                stem + ".csv", (HEADER + "\n" + row(TestData.AADHAAR, TestData.MOBILE, stem)).replace(',', '|') + "\n");
        Path reason = folder.error.resolve(stem + ".error.txt");
        await().atMost(WAIT).until(() -> Files.exists(reason));
        String text = Files.readString(reason);
        assertTrue(
                text.contains("lacks the required column(s)")
                        && text.contains("separated by commas, semicolons or tabs"),
                text);
        await().atMost(WAIT).until(() -> hasFileStartingWith(folder.error, stem + "."));
        assertFalse(Files.exists(folder.outbox.resolve(stem + ".result.csv")));
        assertEquals(0, folder.aopayCallsFor(stem));
    }
}

package org.aepsbridge.resendotp.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aepsbridge.resendotp.privacy.Masking;
import org.aepsbridge.resendotp.support.OwnDropFolder;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.Test;

/**
 * A kept input is masked by the one masking rule (privacy/Masking): a CSV file's Mobile and
 * AdhaarNumber cells exactly as the result file shows them, every other cell and any other file
 * wherever a run is shaped like one of those numbers. Real files, written as csv/KeptInputs
 * writes them (temporary name, rename), nothing left beside them.
 */
class KeptInputsMaskingTest {

    final Path folder = Path.of("target", "test-files", "KeptInputsMaskingTest");

    String keptFrom(String name, byte[] content) throws IOException {
        Path from = Files.createDirectories(folder.resolve("inbox")).resolve(name);
        Files.write(from, content);
        Path to = folder.resolve("kept").resolve(name);
        KeptInputs.writeMasked(from, to, StandardCharsets.UTF_8);
        try (var left = Files.list(to.getParent())) {
            assertEquals(
                    java.util.List.of(to),
                    left.filter(p -> p.getFileName().toString().startsWith(".keeping-") || p.equals(to))
                            .toList(),
                    "only the kept file, no temporary one");
        }
        return Files.readString(to, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aCsvFileKeepsItsNumbersMaskedAsInTheResultFile() throws IOException {
        // the correlation fields as the result file shows them; a column the result file has not, masked by shape
        String csv = "Userkey;Mobile;AdhaarNumber;PrimaryKeyId;EncodeTxnId;RegistrationID\n"
                + "AOP554N3X;+91 98765-43210;" + TestData.AADHAAR_SPACED + ";row-1;DEMO;AOP-554\n"
                + "AOP554N3X;" + TestData.MOBILE_2 + ";" + TestData.AADHAAR_2 + ";row-123456789012;DEMO;AOP-554;note "
                + TestData.AADHAAR + "\n";
        String kept = keptFrom("semicolons.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "Userkey;Mobile;AdhaarNumber;PrimaryKeyId;EncodeTxnId;RegistrationID\r\n"
                        + "AOP554N3X;" + Masking.mobile("+91 98765-43210") + ";"
                        + Masking.aadhaar(TestData.AADHAAR_SPACED) + ";row-1;DEMO;AOP-554\r\n"
                        + "AOP554N3X;XXXXXX6789;XXXX XXXX 6455;row-123456789012;DEMO;AOP-554;note XXXX XXXX 2346\r\n",
                kept);
        assertEquals("XXXXXX3210", Masking.mobile("+91 98765-43210"));
    }

    @Test
    void aFileThatIsNoCsvGetsEveryIdentityShapedRunMasked() throws IOException {
        String text = "call 98765 43210 or 8123456789 about 2341-2341-2346 and 499182736455;"
                + " order 1234567890123 and 12345 stay\n";
        assertEquals(
                "call XXXXXX3210 or XXXXXX6789 about XXXX XXXX 2346 and XXXX XXXX 6455;"
                        + " order 1234567890123 and 12345 stay\n",
                keptFrom("notes.txt", text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCsvWithoutTheNumberColumnsIsMaskedByShape() throws IOException {
        String csv = "name,phone\n\"Asha\",9876543210\n";
        assertEquals("name,phone\n\"Asha\",XXXXXX3210\n", keptFrom("other.csv", csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCsvThatDoesNotParseIsMaskedByShape() throws IOException {
        String csv = OwnDropFolder.HEADER + "\nAOP554N3X,\"" + TestData.MOBILE + "," + TestData.AADHAAR + ",row-1\n";
        assertEquals(
                OwnDropFolder.HEADER + "\nAOP554N3X,\"XXXXXX3210,XXXX XXXX 2346,row-1\n",
                keptFrom("unclosed.csv", csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bytesThatAreNotTextKeepEverythingButTheDigitsOfANumber() throws IOException {
        byte[] content = "\u00e9t\u00e9 9876543210\n".getBytes(StandardCharsets.ISO_8859_1); // Windows-1252, not UTF-8
        byte[] expected = "\u00e9t\u00e9 XXXXXX3210\n".getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(expected, keptFrom("latin.csv", content).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void noFullNumberOfTheTestsSurvivesInAKeptCsv() throws IOException {
        StringBuilder csv = new StringBuilder(OwnDropFolder.HEADER + ",Notes\n");
        for (String secret : TestData.SECRETS) {
            csv.append("AOP554N3X,\"")
                    .append(secret)
                    .append("\",\"")
                    .append(secret)
                    .append("\",id,DEMO,AOP-554,\"note ")
                    .append(secret)
                    .append("\"\n");
        }
        String kept = keptFrom("all.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        for (String secret : TestData.SECRETS) {
            assertFalse(kept.contains(secret), () -> "a full number " + secret.substring(0, 2) + "… is kept");
        }
    }
}

package org.aepsbridge.resendotp.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What was read of a batch file against the file at the end of its batch, with real files:
 * grown, rewritten, replaced and removed files are told apart from one read whole.
 */
class CsvChangeDetectionTest {

    static final String HEADER = "Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID\n";
    static final String ROW = "AOP554N3X,9876543210,234123412346,P1,DEMO,AOP-554\n";

    @TempDir
    Path folder;

    /** Reads the file to its end as a batch does, and returns what was read plus the file's identity at open. */
    private Object[] readWhole(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        try (CsvBatchReader reader = CsvBatchReader.open(file)) {
            while (reader.hasNext()) {
                reader.next();
            }
            CsvChangeWatch.Read read = CsvChangeWatch.asRead(
                    "b.csv",
                    "batch",
                    folder.resolve("done.csv"),
                    reader,
                    Files.readAttributes(file, BasicFileAttributes.class),
                    Instant.now());
            return new Object[] {key, read};
        }
    }

    private Optional<String> change(Path file, Object[] read) throws IOException {
        return CsvChangeWatch.changedWhileRead(file, read[0], (CsvChangeWatch.Read) read[1]);
    }

    @Test
    void aFileReadWholeIsUnchangedAndItsReadKnowsItsLastLine() throws IOException {
        Path file = Files.writeString(folder.resolve("b.csv"), HEADER + ROW + ROW);
        Object[] read = readWhole(file);
        CsvChangeWatch.Read r = (CsvChangeWatch.Read) read[1];
        assertEquals(Files.size(file), r.bytes());
        assertEquals(3, r.lastLine());
        assertTrue(r.lastLineWhole());
        assertEquals(CsvChangeWatch.sha256Of(file), r.sha256());
        assertEquals(Optional.empty(), change(file, read));
        // a touch that leaves the bytes alone is no change
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(Optional.empty(), change(file, read));
    }

    @Test
    void aFileThatGrewAfterItWasReadIsChanged() throws IOException {
        Path file = Files.writeString(folder.resolve("b.csv"), HEADER + ROW);
        Object[] read = readWhole(file);
        Files.writeString(file, ROW, StandardOpenOption.APPEND);
        String change = change(file, read).orElseThrow();
        assertTrue(
                change.contains(HEADER.length() + ROW.length() + " bytes")
                        && change.contains((HEADER.length() + 2 * ROW.length()) + " now"),
                change);
    }

    @Test
    void aFileRewrittenToTheSameSizeIsChanged() throws IOException {
        Path file = Files.writeString(folder.resolve("b.csv"), HEADER + ROW);
        Object[] read = readWhole(file);
        Files.writeString(file, HEADER + ROW.replace("P1", "P2"), StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        assertTrue(change(file, read).orElseThrow().contains("rewritten"));
    }

    @Test
    void aFileReplacedUnderItsNameIsChanged() throws IOException {
        Path file = Files.writeString(folder.resolve("b.csv"), HEADER + ROW);
        Object[] read = readWhole(file);
        Path other = Files.writeString(folder.resolve("other.csv"), HEADER + ROW);
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(change(file, read).orElseThrow().contains("replaced"));
    }

    @Test
    void aFileRemovedWhileItWasReadIsChanged() throws IOException {
        Path file = Files.writeString(folder.resolve("b.csv"), HEADER + ROW);
        Object[] read = readWhole(file);
        Files.delete(file);
        assertTrue(change(file, read).orElseThrow().contains("removed"));
    }

    @Test
    void aLastLineWithoutItsLineBreakMayHaveBeenCut() throws IOException {
        Path file = Files.writeString(folder.resolve("b.csv"), HEADER + ROW + "AOP554N3X,98765");
        CsvChangeWatch.Read read = (CsvChangeWatch.Read) readWhole(file)[1];
        assertFalse(read.lastLineWhole());
        assertEquals(3, read.lastLine());
    }

    @Test
    void theSeparatorIsFoundFromTheHeaderLine() {
        assertEquals(',', CsvBatchReader.separatorOf(HEADER.strip()));
        assertEquals(';', CsvBatchReader.separatorOf(HEADER.strip().replace(',', ';')));
        assertEquals('\t', CsvBatchReader.separatorOf(HEADER.strip().replace(',', '\t')));
        assertEquals(';', CsvBatchReader.separatorOf("\"Userkey\";\"Mobile\";\"AadhaarNumber\";other,thing"));
        // nothing found with any separator: a comma, and the header is refused naming the columns
        assertEquals(',', CsvBatchReader.separatorOf("Userkey|Mobile|AdhaarNumber"));
    }

    @Test
    void aSemicolonFileIsReadByName() throws IOException {
        Path file =
                Files.writeString(folder.resolve("b.csv"), (HEADER + ROW).replace(',', ';'), StandardCharsets.UTF_8);
        try (CsvBatchReader reader = CsvBatchReader.open(file)) {
            CsvRow row = reader.next();
            assertEquals("AOP-554", row.request().getRegistrationId());
            assertEquals("234123412346", row.request().getAdhaarNumber());
            assertEquals(null, row.unreadable());
            assertFalse(reader.hasNext());
        }
    }
}

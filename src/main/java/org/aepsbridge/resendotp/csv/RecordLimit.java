package org.aepsbridge.resendotp.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Bounds how much text one CSV record may take: the parser holds a record whole, so a file
 * that is one 20 MB line, a million columns, or an unclosed quote followed by the rest of
 * the file would otherwise be read into memory at once. Counts the characters read since
 * the last {@link #nextRecord()} (plus at most the parser's read-ahead buffer).
 */
final class RecordLimit extends FilterReader {

    /** One record, header included; a valid row is well under 1 KiB. */
    static final int MAX_CHARS = 1 << 20;

    private long sinceRecordStart;

    RecordLimit(Reader in) {
        super(in);
    }

    void nextRecord() {
        sinceRecordStart = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        count(c < 0 ? 0 : 1);
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
    }

    private void count(int chars) throws IOException {
        sinceRecordStart += chars;
        if (sinceRecordStart > MAX_CHARS) {
            throw new IOException("a record is longer than " + MAX_CHARS + " characters (one line without its end, "
                    + "a huge number of columns, or a quote that is never closed)");
        }
    }
}

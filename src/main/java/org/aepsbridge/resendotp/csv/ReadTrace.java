package org.aepsbridge.resendotp.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the reader took from a batch file, byte for byte: how many bytes, their SHA-256,
 * and whether the last one ended a line. Compared with the file at the end
 * ({@link CsvChangeWatch}), it tells a file that was read whole from one that changed
 * (grew, was rewritten or replaced) after it was read.
 */
final class ReadTrace extends FilterInputStream {

    private final MessageDigest digest;
    private long bytes;
    private int last = -1;

    ReadTrace(InputStream in) {
        super(in);
        this.digest = sha256();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
            bytes++;
            last = b;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            bytes += n;
            last = buffer[offset + n - 1] & 0xFF;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must pass through the digest
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long bytes() {
        return bytes;
    }

    /** True when the bytes read end with a line break (or there were none): the last line read was whole. */
    boolean endsWithLineBreak() {
        return last < 0 || last == '\n' || last == '\r';
    }

    /** The SHA-256 of the bytes read so far, in hex (the digest is not reset). */
    String sha256Hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

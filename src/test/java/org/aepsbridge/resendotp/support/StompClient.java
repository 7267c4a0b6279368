package org.aepsbridge.resendotp.support;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A STOMP client in a few lines over a plain socket, as a legacy system writes one: frames
 * are text, a command, {@code name:value} headers, a blank line, the body and a NUL byte.
 * Speaks STOMP 1.0 (no {@code accept-version}) or 1.2; a body is sent with or without a
 * {@code content-length} header. No library, so the test sees exactly what goes on the wire.
 */
public final class StompClient implements Closeable {

    /** A frame as read: its command, headers and body bytes. */
    public record Frame(String command, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private StompClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects and logs in with {@code login}/{@code passcode}; version "1.0" sends no accept-version header. */
    public static StompClient connect(String host, int port, String version, String login, String passcode)
            throws IOException {
        StompClient client = new StompClient(new Socket(host, port));
        client.socket.setSoTimeout(30_000);
        Map<String, String> headers = new LinkedHashMap<>();
        if (!"1.0".equals(version)) {
            headers.put("accept-version", version);
            headers.put("host", host);
        }
        headers.put("login", login);
        headers.put("passcode", passcode);
        client.send("CONNECT", headers, null, false);
        Frame connected = client.read();
        if (!"CONNECTED".equals(connected.command())) {
            client.close();
            throw new IOException("STOMP " + version + " CONNECT answered " + connected.command() + " "
                    + connected.headers() + " " + connected.text());
        }
        return client;
    }

    /** Sends one frame; with {@code contentLength} the body's byte count goes in a content-length header. */
    public void send(String command, Map<String, String> headers, byte[] body, boolean contentLength)
            throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(command).append('\n');
        headers.forEach(
                (name, value) -> head.append(name).append(':').append(value).append('\n'));
        if (contentLength && body != null) {
            head.append("content-length:").append(body.length).append('\n');
        }
        head.append('\n');
        frame.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            frame.write(body);
        }
        frame.write(0);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads the next frame (heart-beat newlines between frames are skipped). */
    public Frame read() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        String command = null;
        Map<String, String> headers = new LinkedHashMap<>();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the broker closed the STOMP connection; read so far: " + command + " " + headers
                        + " " + line.toString(StandardCharsets.UTF_8));
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8).replace("\r", "");
            line.reset();
            if (command == null) {
                if (!text.isEmpty()) {
                    command = text;
                }
            } else if (text.isEmpty()) {
                break;
            } else {
                int colon = text.indexOf(':');
                headers.putIfAbsent(text.substring(0, colon), text.substring(colon + 1));
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
            in.read(); // the NUL after the body
        } else {
            for (int b = in.read(); b > 0; b = in.read()) {
                body.write(b);
            }
        }
        return new Frame(command, headers, body.toByteArray());
    }

    /**
     * Acknowledges a MESSAGE read on a subscription with {@code ack:client} (1.0) or
     * {@code ack:client-individual} (1.2), and waits for the broker's RECEIPT: the message is
     * consumed then. (With {@code ack:auto} the broker acknowledges on its own time, and a
     * connection closed just after the MESSAGE may give the message back to its queue.)
     */
    public void acknowledge(Frame message) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String ack = message.headers().get("ack");
        if (ack != null) {
            headers.put("id", ack); // STOMP 1.2
        } else {
            headers.put("message-id", message.headers().get("message-id")); // STOMP 1.0
        }
        headers.put("receipt", "ack");
        send("ACK", headers, null, false);
        Frame receipt = read();
        if (!"RECEIPT".equals(receipt.command())) {
            throw new IOException("ACK answered " + receipt.command() + " " + receipt.headers() + " " + receipt.text());
        }
    }

    /**
     * Says DISCONNECT (with a receipt, so everything sent before it was taken) and closes the
     * socket. Artemis may close the connection without the receipt (seen on STOMP 1.2 with a
     * subscription): that is an end too.
     */
    @Override
    public void close() throws IOException {
        try {
            send("DISCONNECT", Map.of("receipt", "bye"), null, false);
            while (!"RECEIPT".equals(read().command())) {
                // a MESSAGE still on its way: not this client's business any more
            }
        } catch (IOException closedByTheBroker) {
            // the broker ended the connection on DISCONNECT
        } finally {
            socket.close();
        }
    }
}

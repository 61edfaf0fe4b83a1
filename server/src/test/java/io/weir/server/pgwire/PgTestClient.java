package io.weir.server.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Test helpers: a minimal raw pgwire client over a socket, and a psql runner. */
final class PgTestClient implements AutoCloseable {
    /** A backend message: its type byte and body. */
    record Message(char type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The fields of an ErrorResponse by their codes. */
        Map<Character, String> errorFields() {
            Map<Character, String> fields = new LinkedHashMap<>();
            int i = 0;
            while (i < body.length && body[i] != 0) {
                char code = (char) body[i];
                int end = i + 1;
                while (body[end] != 0) {
                    end++;
                }
                fields.put(code, new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8));
                i = end + 1;
            }
            return fields;
        }
    }

    /** The result of running psql. */
    record PsqlResult(int exitCode, String stdout, String stderr) {
    }

    final Socket socket;
    final DataOutputStream out;
    final DataInputStream in;

    PgTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends a v3.0 StartupMessage for user weir and reads up to ReadyForQuery. */
    List<Message> startup() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        data.writeInt(196_608);
        for (String part : new String[] {"user", "weir", "database", "weir"}) {
            data.write(part.getBytes(StandardCharsets.UTF_8));
            data.write(0);
        }
        data.write(0);
        out.writeInt(body.size() + 4);
        out.write(body.toByteArray());
        out.flush();
        return readUntilReady();
    }

    void query(String sql) throws IOException {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        out.writeByte('Q');
        out.writeInt(text.length + 5);
        out.write(text);
        out.write(0);
        out.flush();
    }

    Message read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed");
        }
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message((char) type, body);
    }

    List<Message> readUntilReady() throws IOException {
        List<Message> messages = new ArrayList<>();
        Message message;
        do {
            message = read();
            messages.add(message);
        } while (message.type() != 'Z' && message.type() != 'E' || message.type() == 'E' && isFatal(message));
        return messages;
    }

    private static boolean isFatal(Message message) {
        return "FATAL".equals(message.errorFields().get('S'));
    }

    /** Reads until the server closes the connection; returns whether it did within the socket timeout. */
    boolean closedByServer() throws IOException {
        InputStream stream = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            if (stream.read(buffer) < 0) {
                return true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static PsqlResult psql(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/psql", "-X", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", "weir"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        builder.environment().remove("PGPASSWORD");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("psql did not finish: " + command);
        }
        return new PsqlResult(process.exitValue(), new String(stdout, StandardCharsets.UTF_8).stripTrailing(),
                new String(stderr, StandardCharsets.UTF_8));
    }
}

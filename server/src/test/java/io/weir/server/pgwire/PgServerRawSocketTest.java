package io.weir.server.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.server.pgwire.PgTestClient.Message;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sends hand-made and malformed bytes to {@link PgServer} over plain sockets. */
class PgServerRawSocketTest {
    private static final FakeSessionFactory FACTORY = new FakeSessionFactory();
    private static PgServer server;

    @BeforeAll
    static void start() {
        server = new PgServer("127.0.0.1", 0, FACTORY);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertServerStillAnswers() throws Exception {
        try (PgTestClient client = new PgTestClient(server.port())) {
            client.startup();
            client.query("SELECT 1");
            List<Message> messages = client.readUntilReady();
            assertThat(messages).extracting(Message::type).containsExactly('T', 'D', 'C', 'Z');
        }
    }

    @Test
    void garbageBeforeStartupGetsProtocolViolation() throws Exception {
        try (PgTestClient client = new PgTestClient(server.port())) {
            client.out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.out.flush();
            Message error = client.read();
            assertThat(error.type()).isEqualTo('E');
            assertThat(error.errorFields()).containsEntry('C', "08P01").containsEntry('S', "FATAL");
            assertThat(client.closedByServer()).isTrue();
        }
        assertServerStillAnswers();
    }

    @Test
    void sslRequestIsRefusedThenStartupWorks() throws Exception {
        try (PgTestClient client = new PgTestClient(server.port())) {
            client.out.writeInt(8);
            client.out.writeInt(PgMessageDecoder.SSL_REQUEST_CODE);
            client.out.flush();
            assertThat(client.in.read()).isEqualTo('N');
            assertThat(client.startup()).extracting(Message::type).contains('R', 'S', 'K', 'Z');
        }
    }

    @Test
    void unknownMessageTypeClosesOnlyThatConnection() throws Exception {
        try (PgTestClient client = new PgTestClient(server.port())) {
            client.startup();
            client.out.writeByte('y');
            client.out.writeInt(4);
            client.out.flush();
            Message error = client.read();
            assertThat(error.errorFields()).containsEntry('C', "08P01");
            assertThat(client.closedByServer()).isTrue();
        }
        assertServerStillAnswers();
    }

    @Test
    void oversizedMessageIsRefused() throws Exception {
        try (PgTestClient client = new PgTestClient(server.port())) {
            client.startup();
            client.out.writeByte('Q');
            client.out.writeInt(100 << 20);
            client.out.flush();
            Message error = client.read();
            assertThat(error.errorFields()).containsEntry('C', "08P01");
            assertThat(error.errorFields().get('M')).contains("more than the limit of 67108864 bytes");
        }
        assertServerStillAnswers();
    }

    @Test
    void droppedConnectionCancelsAndClosesTheSession() throws Exception {
        int closedBefore = FACTORY.closed.get();
        int cancelsBefore = FACTORY.cancels.get();
        try (PgTestClient client = new PgTestClient(server.port())) {
            client.startup();
            client.query("SLEEP");
            Thread.sleep(300);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (FACTORY.closed.get() == closedBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(FACTORY.cancels.get()).isGreaterThan(cancelsBefore);
        assertThat(FACTORY.closed.get()).isGreaterThan(closedBefore);
    }

    @Test
    void slowClientHoldsBackTheProducer() throws Exception {
        long total = 2_000_000;
        try (PgTestClient client = new PgTestClient(server.port())) {
            client.startup();
            long before = FACTORY.streamedRows.get();
            client.query("STREAM " + total);
            Thread.sleep(1000);
            long producedWhileNotReading = FACTORY.streamedRows.get() - before;
            assertThat(producedWhileNotReading).isLessThan(total);
            long rows = 0;
            Message message;
            do {
                message = client.read();
                if (message.type() == 'D') {
                    rows++;
                }
            } while (message.type() != 'Z');
            assertThat(rows).isEqualTo(total);
        }
    }

    @Test
    void terminateClosesCleanly() throws Exception {
        int closedBefore = FACTORY.closed.get();
        try (PgTestClient client = new PgTestClient(server.port())) {
            client.startup();
            OutputStream out = client.out;
            client.out.writeByte('X');
            client.out.writeInt(4);
            out.flush();
            assertThat(client.closedByServer()).isTrue();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (FACTORY.closed.get() == closedBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(FACTORY.closed.get()).isGreaterThan(closedBefore);
    }
}

package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message from the server to the client. {@link PgMessageEncoder} writes the type byte and the
 * length; each message writes its own body.
 */
public sealed interface BackendMessage {
    /** The type byte, e.g. {@code 'Z'} for ReadyForQuery. */
    char type();

    /** Writes the body (everything after the length). */
    void writeBody(ByteBuf out);

    /** The one-byte answer to SSLRequest and GSSENCRequest: {@code 'N'}, no encryption. Has no length. */
    /** 'S': the server accepts the SSLRequest; the TLS handshake follows. */
    record EncryptionAccepted() implements BackendMessage {
        @Override
        public char type() {
            return 'S';
        }

        @Override
        public void writeBody(ByteBuf out) {
            // the bare type byte is the whole message
        }
    }

    record EncryptionRefused() implements BackendMessage {
        @Override
        public char type() {
            return 'N';
        }

        @Override
        public void writeBody(ByteBuf out) {
            // the bare type byte is the whole message
        }
    }

    /** An authentication request of SASL: 10 (the mechanisms), 11 (continue, with data), 12 (final, with data). */
    record AuthenticationSasl(int code, byte[] data) implements BackendMessage {
        @Override
        public char type() {
            return 'R';
        }

        @Override
        public void writeBody(ByteBuf out) {
            out.writeInt(code);
            out.writeBytes(data);
        }
    }

    /** AuthenticationOk: trust authentication succeeded. */
    record AuthenticationOk() implements BackendMessage {
        @Override
        public char type() {
            return 'R';
        }

        @Override
        public void writeBody(ByteBuf out) {
            out.writeInt(0);
        }
    }

    /** NegotiateProtocolVersion: the newest minor version served and the options not recognized. */
    record NegotiateProtocolVersion(int minorVersion, List<String> unrecognizedOptions) implements BackendMessage {
        public NegotiateProtocolVersion {
            unrecognizedOptions = List.copyOf(unrecognizedOptions);
        }

        @Override
        public char type() {
            return 'v';
        }

        @Override
        public void writeBody(ByteBuf out) {
            out.writeInt(minorVersion);
            out.writeInt(unrecognizedOptions.size());
            unrecognizedOptions.forEach(option -> writeCString(out, option));
        }
    }

    /** ParameterStatus: a run-time parameter's current value. */
    record ParameterStatus(String name, String value) implements BackendMessage {
        public ParameterStatus {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }

        @Override
        public char type() {
            return 'S';
        }

        @Override
        public void writeBody(ByteBuf out) {
            writeCString(out, name);
            writeCString(out, value);
        }
    }

    /** BackendKeyData: the process id and secret a client needs for CancelRequest. */
    record BackendKeyData(int processId, int secretKey) implements BackendMessage {
        @Override
        public char type() {
            return 'K';
        }

        @Override
        public void writeBody(ByteBuf out) {
            out.writeInt(processId);
            out.writeInt(secretKey);
        }
    }

    /** ReadyForQuery with the transaction status: 'I' idle, 'T' in a transaction, 'E' failed transaction. */
    record ReadyForQuery(char status) implements BackendMessage {
        @Override
        public char type() {
            return 'Z';
        }

        @Override
        public void writeBody(ByteBuf out) {
            out.writeByte(status);
        }
    }

    /** One column of a RowDescription, in text format. */
    record Column(String name, PgColumnType type) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * RowDescription: the columns of the rows that follow, each with its format code (0 text, 1
     * binary); {@code formats} is empty (all text) or has one code per column.
     */
    record RowDescription(List<Column> columns, List<Short> formats) implements BackendMessage {
        public RowDescription {
            columns = List.copyOf(columns);
            formats = List.copyOf(formats);
            if (!formats.isEmpty() && formats.size() != columns.size()) {
                throw new IllegalArgumentException(formats.size() + " format codes for " + columns.size() + " columns");
            }
        }

        /** All columns in text format. */
        public RowDescription(List<Column> columns) {
            this(columns, List.of());
        }

        @Override
        public char type() {
            return 'T';
        }

        @Override
        public void writeBody(ByteBuf out) {
            out.writeShort(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                writeCString(out, column.name());
                out.writeInt(0); // table oid: not a table column
                out.writeShort(0); // attribute number
                out.writeInt(column.type().oid());
                out.writeShort(column.type().size());
                out.writeInt(column.type().typmod());
                out.writeShort(formats.isEmpty() ? 0 : formats.get(i));
            }
        }
    }

    /** A message of the extended query protocol that is only its type byte. */
    record Bare(char type) implements BackendMessage {
        /** ParseComplete. */
        public static final Bare PARSE_COMPLETE = new Bare('1');
        /** BindComplete. */
        public static final Bare BIND_COMPLETE = new Bare('2');
        /** CloseComplete. */
        public static final Bare CLOSE_COMPLETE = new Bare('3');
        /** NoData: the statement or portal returns no rows. */
        public static final Bare NO_DATA = new Bare('n');
        /** PortalSuspended: Execute reached its row limit; the portal has more rows. */
        public static final Bare PORTAL_SUSPENDED = new Bare('s');

        @Override
        public void writeBody(ByteBuf out) {
            // no body
        }
    }

    /** ParameterDescription: the type OIDs of a prepared statement's parameters. */
    record ParameterDescription(List<Integer> oids) implements BackendMessage {
        public ParameterDescription {
            oids = List.copyOf(oids);
        }

        @Override
        public char type() {
            return 't';
        }

        @Override
        public void writeBody(ByteBuf out) {
            out.writeShort(oids.size());
            oids.forEach(out::writeInt);
        }
    }

    /** DataRow: one row's values in text or binary format, already UTF-8 encoded; a {@code null} entry is SQL NULL. */
    record DataRow(byte[][] values) implements BackendMessage {
        public DataRow {
            requireNonNull(values, "values is null");
        }

        @Override
        public char type() {
            return 'D';
        }

        @Override
        public void writeBody(ByteBuf out) {
            out.writeShort(values.length);
            for (byte[] value : values) {
                if (value == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(value.length);
                    out.writeBytes(value);
                }
            }
        }
    }

    /** CommandComplete with its tag, e.g. "SELECT 3". */
    record CommandComplete(String tag) implements BackendMessage {
        public CommandComplete {
            requireNonNull(tag, "tag is null");
        }

        @Override
        public char type() {
            return 'C';
        }

        @Override
        public void writeBody(ByteBuf out) {
            writeCString(out, tag);
        }
    }

    /** EmptyQueryResponse: the query string held no statement. */
    record EmptyQueryResponse() implements BackendMessage {
        @Override
        public char type() {
            return 'I';
        }

        @Override
        public void writeBody(ByteBuf out) {
            // no body
        }
    }

    /**
     * ErrorResponse ({@code notice == false}) or NoticeResponse: the fields by their one-letter
     * codes (S, V, C, M, P, ...), in the order given.
     */
    record ErrorResponse(Map<Character, String> fields, boolean notice) implements BackendMessage {
        public ErrorResponse {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
        }

        @Override
        public char type() {
            return notice ? 'N' : 'E';
        }

        @Override
        public void writeBody(ByteBuf out) {
            fields.forEach((code, value) -> {
                out.writeByte(code);
                writeCString(out, value);
            });
            out.writeByte(0);
        }
    }

    private static void writeCString(ByteBuf out, String value) {
        // NUL would end the string early on the client side; PostgreSQL cannot store it either
        out.writeCharSequence(value.replace('\0', ' '), StandardCharsets.UTF_8);
        out.writeByte(0);
    }
}

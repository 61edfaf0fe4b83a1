package io.weir.connector.postgrescdc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of PostgreSQL's {@code pgoutput} logical decoding protocol (version 1) this source
 * reads, decoded from the bytes of one XLogData message. Tuples are kept in text form; turning
 * them into column values is {@link TextDecoder}'s job.
 */
sealed interface PgOutputMessage {
    /** {@code B}: a transaction begins; {@code finalLsn} is its commit record's LSN. */
    record Begin(long finalLsn, long commitTimeMicros, int xid) implements PgOutputMessage {
    }

    /** {@code C}: it committed; streaming again from {@code endLsn} starts after it. */
    record Commit(long commitLsn, long endLsn, long commitTimeMicros) implements PgOutputMessage {
    }

    /** {@code R}: the columns of a relation, sent before its first change in a session. */
    record Relation(int id, String namespace, String name, char replicaIdentity, List<String> columns,
            List<Boolean> keyColumns) implements PgOutputMessage {
    }

    /** {@code I}, {@code U} or {@code D}: a row change. {@code oldTuple} is null when the server sent none. */
    record Change(char kind, int relationId, Tuple oldTuple, boolean oldIsKeyOnly, Tuple newTuple)
            implements PgOutputMessage {
    }

    /** {@code T}: one or more relations were truncated. */
    record Truncate(List<Integer> relationIds) implements PgOutputMessage {
    }

    /** Anything else (origin, type, logical message): ignored. */
    record Other(char tag) implements PgOutputMessage {
    }

    /** A row in text form: per column a value, or null, or {@link #UNCHANGED_TOAST}. */
    record Tuple(String[] values) {
        /** Marks an unchanged TOASTed value the server did not send (pgoutput's {@code u}). */
        static final String UNCHANGED_TOAST = new String("\u0000unchanged-toast");

        static boolean isUnchanged(String value) {
            return value == UNCHANGED_TOAST;
        }
    }

    /** Decodes one message; {@code buffer} is positioned at its first byte. */
    static PgOutputMessage parse(ByteBuffer buffer) {
        char tag = (char) buffer.get();
        switch (tag) {
            case 'B':
                return new Begin(buffer.getLong(), buffer.getLong(), buffer.getInt());
            case 'C':
                buffer.get();
                return new Commit(buffer.getLong(), buffer.getLong(), buffer.getLong());
            case 'R': {
                int id = buffer.getInt();
                String namespace = cstring(buffer);
                String name = cstring(buffer);
                char identity = (char) buffer.get();
                int count = buffer.getShort();
                List<String> columns = new ArrayList<>(count);
                List<Boolean> keys = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    keys.add((buffer.get() & 1) != 0);
                    columns.add(cstring(buffer));
                    buffer.getInt();
                    buffer.getInt();
                }
                return new Relation(id, namespace, name, identity, columns, keys);
            }
            case 'I': {
                int id = buffer.getInt();
                buffer.get();
                return new Change('I', id, null, false, tuple(buffer));
            }
            case 'U': {
                int id = buffer.getInt();
                char part = (char) buffer.get();
                Tuple old = null;
                boolean keyOnly = false;
                if (part == 'K' || part == 'O') {
                    keyOnly = part == 'K';
                    old = tuple(buffer);
                    buffer.get();
                }
                return new Change('U', id, old, keyOnly, tuple(buffer));
            }
            case 'D': {
                int id = buffer.getInt();
                char part = (char) buffer.get();
                return new Change('D', id, tuple(buffer), part == 'K', null);
            }
            case 'T': {
                int count = buffer.getInt();
                buffer.get();
                List<Integer> ids = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ids.add(buffer.getInt());
                }
                return new Truncate(ids);
            }
            default:
                return new Other(tag);
        }
    }

    private static Tuple tuple(ByteBuffer buffer) {
        int count = buffer.getShort();
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            char kind = (char) buffer.get();
            switch (kind) {
                case 'n' -> values[i] = null;
                case 'u' -> values[i] = Tuple.UNCHANGED_TOAST;
                case 't', 'b' -> {
                    int length = buffer.getInt();
                    values[i] = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
                            StandardCharsets.UTF_8);
                    buffer.position(buffer.position() + length);
                }
                default -> throw new IllegalStateException("unknown tuple value kind '" + kind + "' in pgoutput");
            }
        }
        return new Tuple(values);
    }

    private static String cstring(ByteBuffer buffer) {
        int start = buffer.position();
        while (buffer.get() != 0) {
            // scan to the terminating zero byte
        }
        return new String(buffer.array(), buffer.arrayOffset() + start, buffer.position() - start - 1,
                StandardCharsets.UTF_8);
    }
}

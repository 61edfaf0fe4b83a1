package io.weir.connector.postgrescdc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.SourceReader.ReadStatus;
import io.weir.spi.type.Field;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming phase of a {@code postgres-cdc} reader: logical replication from the permanent
 * slot with {@code pgoutput}, decoded into {@code +I}, {@code -U}/{@code +U} and {@code -D} rows.
 *
 * <p>Exactly-once bookkeeping: {@link #position()} is the LSN after the last transaction fully
 * handled (or, while idle between transactions, the server's WAL position from its keepalives,
 * so an idle table's slot still advances), plus how many changes of a transaction in progress were
 * handled; a resumed stream skips those. Changes are filtered by the snapshot's segments (see
 * {@link CdcPosition}). Nothing is confirmed to the server except through {@link #confirm(long)}.
 *
 * <p>Threading: the reader's thread only.
 */
final class StreamPhase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPhase.class);
    private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;

    private record KeySegment(Object[] upper, long lsn) {
    }

    /** How the columns of a relation message map to the declared columns. */
    private record Mapping(int[] declaredToTuple, boolean ours) {
    }

    private final CdcConfig config;
    private final SourceTable table;
    private final RowWriter writer;
    private final List<Field> fields;
    private final List<CdcPosition.Segment> segments;
    private final List<KeySegment> keySegments = new ArrayList<>();
    private final Map<Integer, Mapping> relations = new HashMap<>();
    private final long resumeTxn;
    private final int resumeSkip;
    private Connection connection;
    private PGReplicationStream stream;
    private long streamFrom;
    private boolean inTransaction;
    private boolean skipTransaction;
    private long txnFinalLsn;
    private long txnCommitMillis;
    private int txnEvents;
    private long confirmed;
    private boolean warnedTruncate;

    StreamPhase(CdcConfig config, SourceTable table, RowWriter writer, CdcPosition position) {
        this.config = requireNonNull(config, "config is null");
        this.table = requireNonNull(table, "table is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.fields = config.columns().fields();
        this.segments = new ArrayList<>(position.segments());
        for (CdcPosition.Segment segment : segments) {
            keySegments.add(new KeySegment(segment.upper() == null ? null : decodeKey(segment.upper()), segment.lsn()));
        }
        this.streamFrom = position.streamFrom();
        this.resumeTxn = position.txnFinalLsn();
        this.resumeSkip = position.txnEventsDone();
    }

    /**
     * Starts streaming. A slot still held by the server process of a reader that just died (the
     * server has not noticed yet) is retried for up to 30 s before giving up.
     */
    void open() throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                start();
                return;
            } catch (SQLException e) {
                close();
                if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.info("Slot {} is still in use by another connection; retrying", config.slot());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void start() throws SQLException {
        connection = config.connectForReplication();
        var builder = connection.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                .withSlotName(config.slot())
                .withSlotOption("proto_version", 1)
                .withSlotOption("publication_names", config.publication())
                .withStatusInterval((int) Math.max(1, config.heartbeat().toMillis()), TimeUnit.MILLISECONDS);
        if (streamFrom > 0) {
            builder = builder.withStartPosition(LogSequenceNumber.valueOf(streamFrom));
        }
        stream = builder.start();
        LOG.info("Streaming {} from slot {} at LSN {}", config.qualifiedTable(), config.slot(),
                streamFrom > 0 ? Lsn.format(streamFrom) : "(the slot's confirmed position)");
    }

    /** Appends the changes available now; never blocks. */
    ReadStatus read(BatchBuilder out) throws SQLException {
        boolean added = false;
        while (out.capacity() - out.rowCount() >= 2) {
            ByteBuffer message = stream.readPending();
            if (message == null) {
                if (!inTransaction) {
                    // everything the server sent so far is handled: its WAL position is a safe place to resume
                    long received = stream.getLastReceiveLSN().asLong();
                    if (received > streamFrom) {
                        streamFrom = received;
                    }
                }
                return added ? ReadStatus.MORE : ReadStatus.NOTHING_AVAILABLE;
            }
            added |= handle(PgOutputMessage.parse(message), out);
        }
        return ReadStatus.MORE;
    }

    private boolean handle(PgOutputMessage message, BatchBuilder out) {
        if (message instanceof PgOutputMessage.Begin begin) {
            inTransaction = true;
            txnFinalLsn = begin.finalLsn();
            txnCommitMillis = begin.commitTimeMicros() / 1000 + POSTGRES_EPOCH_MILLIS;
            txnEvents = 0;
            skipTransaction = txnFinalLsn < streamFrom;
            return false;
        }
        if (message instanceof PgOutputMessage.Commit commit) {
            inTransaction = false;
            streamFrom = Math.max(streamFrom, commit.endLsn());
            if (!keySegments.isEmpty() && keySegments.stream().allMatch(s -> s.lsn() <= txnFinalLsn)) {
                // every later transaction commits after every segment's snapshot: no more filtering
                keySegments.clear();
                segments.clear();
            }
            return false;
        }
        if (message instanceof PgOutputMessage.Relation relation) {
            relations.put(relation.id(), mapping(relation));
            return false;
        }
        if (message instanceof PgOutputMessage.Truncate) {
            if (!warnedTruncate) {
                warnedTruncate = true;
                LOG.warn("TRUNCATE of {} is not captured (as in Flink CDC): its rows are not retracted",
                        config.qualifiedTable());
            }
            return false;
        }
        if (!(message instanceof PgOutputMessage.Change change) || skipTransaction) {
            return false;
        }
        Mapping mapping = relations.get(change.relationId());
        if (mapping == null || !mapping.ours()) {
            return false;
        }
        txnEvents++;
        if (txnFinalLsn == resumeTxn && txnEvents <= resumeSkip) {
            return false;
        }
        return emit(change, mapping, out);
    }

    private boolean emit(PgOutputMessage.Change change, Mapping mapping, BatchBuilder out) {
        // the lsn metadata of a change is its transaction's commit LSN: the order transactions apply in
        long lsn = txnFinalLsn;
        switch (change.kind()) {
            case 'I' -> {
                Object[] row = row(change.newTuple(), null, mapping);
                return write(out, row, RowKind.INSERT, lsn);
            }
            case 'D' -> {
                Object[] row = row(change.oldTuple(), null, mapping);
                return write(out, row, RowKind.DELETE, lsn);
            }
            default -> {
                Object[] after = row(change.newTuple(), change.oldTuple(), mapping);
                Object[] before = change.oldTuple() == null || change.oldIsKeyOnly()
                        ? keyOnly(change.oldTuple() == null ? after : row(change.oldTuple(), null, mapping))
                        : row(change.oldTuple(), null, mapping);
                if (KeyOrder.INSTANCE.compare(key(before), key(after)) != 0) {
                    // the key changed: a delete of the old key and an insert of the new one, as Debezium sends it
                    boolean deleted = write(out, before, RowKind.DELETE, lsn);
                    return write(out, after, RowKind.INSERT, lsn) | deleted;
                }
                if (!passes(key(after))) {
                    return false;
                }
                writer.write(out, before, RowKind.UPDATE_BEFORE, txnCommitMillis, lsn);
                writer.write(out, after, RowKind.UPDATE_AFTER, txnCommitMillis, lsn);
                return true;
            }
        }
    }

    private boolean write(BatchBuilder out, Object[] row, RowKind kind, long lsn) {
        if (!passes(key(row))) {
            return false;
        }
        writer.write(out, row, kind, txnCommitMillis, lsn);
        return true;
    }

    /** Whether a change to {@code key} in the current transaction is not already in the snapshot's rows. */
    private boolean passes(Object[] key) {
        for (KeySegment segment : keySegments) {
            if (segment.upper() == null || KeyOrder.INSTANCE.compare(key, segment.upper()) <= 0) {
                return txnFinalLsn >= segment.lsn();
            }
        }
        return true;
    }

    private Object[] key(Object[] row) {
        Object[] key = new Object[table.keyIndexes().length];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[table.keyIndexes()[i]];
        }
        return key;
    }

    private Object[] keyOnly(Object[] row) {
        Object[] result = new Object[row.length];
        for (int index : table.keyIndexes()) {
            result[index] = row[index];
        }
        return result;
    }

    /** The declared columns of {@code tuple}; an unchanged TOAST value comes from {@code old} when it has it. */
    private Object[] row(PgOutputMessage.Tuple tuple, PgOutputMessage.Tuple old, Mapping mapping) {
        Object[] row = new Object[fields.size()];
        for (int i = 0; i < row.length; i++) {
            int position = mapping.declaredToTuple()[i];
            String text = tuple.values()[position];
            if (PgOutputMessage.Tuple.isUnchanged(text)) {
                text = old == null || PgOutputMessage.Tuple.isUnchanged(old.values()[position]) ? null
                        : old.values()[position];
            }
            row[i] = TextDecoder.decode(text, fields.get(i).type(), fields.get(i).name());
        }
        return row;
    }

    private Mapping mapping(PgOutputMessage.Relation relation) {
        boolean ours = relation.namespace().equals(config.schema()) && relation.name().equals(config.table());
        int[] positions = new int[fields.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = relation.columns().indexOf(table.pgColumns().get(i));
            if (ours && positions[i] < 0) {
                throw new IllegalStateException("postgres-cdc: column '" + table.pgColumns().get(i)
                        + "' is no longer in table " + config.qualifiedTable());
            }
        }
        return new Mapping(positions, ours);
    }

    private Object[] decodeKey(List<String> texts) {
        Object[] key = new Object[texts.size()];
        for (int i = 0; i < key.length; i++) {
            Field field = fields.get(table.keyIndexes()[i]);
            key[i] = TextDecoder.decode(texts.get(i), field.type(), field.name());
        }
        return key;
    }

    CdcPosition position() {
        return new CdcPosition(CdcPosition.Phase.STREAM, segments, streamFrom, inTransaction ? txnFinalLsn : 0,
                inTransaction ? txnEvents : 0);
    }

    /** Tells the server that everything before {@code lsn} is durable downstream: the slot may advance. */
    void confirm(long lsn) throws SQLException {
        if (stream == null || lsn <= confirmed) {
            return;
        }
        confirmed = lsn;
        stream.setFlushedLSN(LogSequenceNumber.valueOf(lsn));
        stream.setAppliedLSN(LogSequenceNumber.valueOf(lsn));
        stream.forceUpdateStatus();
    }

    @Override
    public void close() {
        try {
            if (stream != null && !stream.isClosed()) {
                stream.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing the replication stream failed", e);
        }
        try {
            if (connection != null) {
                connection.close();
                connection = null;
                stream = null;
            }
        } catch (SQLException e) {
            LOG.debug("closing the replication connection failed", e);
        }
    }
}

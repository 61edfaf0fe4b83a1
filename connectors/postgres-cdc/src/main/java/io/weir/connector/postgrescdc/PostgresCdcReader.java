package io.weir.connector.postgrescdc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one PostgreSQL table: its snapshot (if {@code scan.startup.mode} is {@code initial}), then
 * its changes, resuming exactly where a stored {@link CdcPosition} says.
 *
 * <p>Snapshot: rows are emitted chunk by chunk in key order from a {@link SnapshotFetcher}; the
 * position records the last key emitted and the snapshot LSN of every key range emitted, so a
 * resumed reader reads only the remaining keys (under a fresh snapshot, at a later LSN) and the
 * stream skips changes each range already contains. Then {@link StreamPhase} streams from the
 * permanent slot, starting at the oldest range's LSN.
 *
 * <p>The slot's position is confirmed to the server only in {@link #notifyCheckpointComplete}, for
 * the position recorded at that checkpoint. Threading: the subtask's thread calls everything; the
 * snapshot's chunk reads run on the fetcher's own threads.
 */
final class PostgresCdcReader implements SourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCdcReader.class);

    private final CdcConfig config;
    private final RowWriter writer;
    private final TreeMap<Long, Long> confirmable = new TreeMap<>();
    private final CdcPosition position;
    private final boolean restored;
    private SourceTable table;
    private SnapshotFetcher snapshot;
    private StreamPhase stream;
    // snapshot progress: ranges finished by earlier snapshots, then the current one's last key
    private final List<CdcPosition.Segment> segments = new ArrayList<>();
    private List<String> currentUpper;
    private int chunkIndex;
    private SnapshotFetcher.Chunk chunk;
    private int rowInChunk;
    private long snapshotRows;
    private long snapshotStarted;

    PostgresCdcReader(CdcConfig config, ReaderContext context) {
        this.config = requireNonNull(config, "config is null");
        this.writer = new RowWriter(config);
        this.restored = context.isRestored();
        this.position = context.isRestored() ? CdcPosition.fromBytes(context.restoredPosition())
                : CdcPosition.initial(config.snapshot());
    }

    @Override
    public ReadStatus read(BatchBuilder out) {
        try {
            if (table == null) {
                start();
            }
            if (snapshot != null) {
                return readSnapshot(out);
            }
            return stream.read(out);
        } catch (SQLException e) {
            throw new WeirException(ErrorCode.CONNECTOR_ERROR, "postgres-cdc: reading " + config.qualifiedTable()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private void start() throws SQLException {
        try (Connection connection = config.connect()) {
            table = SourceTable.describe(config, connection);
            SourceTable.ensurePublication(config, connection);
            boolean created = SourceTable.ensureSlot(config, connection);
            if (created && restored && (!position.segments().isEmpty() || position.streamFrom() > 0)) {
                // the changes between the stored position and now are gone with the old slot
                throw new WeirException(ErrorCode.CONNECTOR_ERROR, "postgres-cdc: replication slot '" + config.slot()
                        + "' of table " + config.qualifiedTable() + " was dropped while the job was stopped, so the "
                        + "changes since its last checkpoint are lost; start the job again without its checkpoint "
                        + "(a new snapshot)");
            }
        }
        segments.addAll(position.segments());
        if (position.phase() == CdcPosition.Phase.SNAPSHOT) {
            List<String> cursor = segments.isEmpty() ? null : segments.get(segments.size() - 1).upper();
            snapshot = new SnapshotFetcher(config, table, cursor);
            snapshot.start();
            snapshotStarted = System.nanoTime();
        } else {
            openStream(position);
        }
    }

    private void openStream(CdcPosition from) throws SQLException {
        stream = new StreamPhase(config, table, writer, from);
        stream.open();
    }

    private ReadStatus readSnapshot(BatchBuilder out) throws SQLException {
        boolean added = false;
        while (!out.isFull()) {
            if (chunk == null) {
                chunk = poll();
                rowInChunk = 0;
                if (chunk == null) {
                    return added ? ReadStatus.MORE : ReadStatus.NOTHING_AVAILABLE;
                }
            }
            long lsn = snapshot.consistentLsn();
            while (rowInChunk < chunk.rows().size() && !out.isFull()) {
                writer.write(out, chunk.rows().get(rowInChunk), RowKind.INSERT, 0, lsn);
                currentUpper = Arrays.asList(chunk.keys().get(rowInChunk));
                rowInChunk++;
                added = true;
            }
            snapshotRows += rowInChunk == chunk.rows().size() ? chunk.rows().size() : 0;
            if (rowInChunk < chunk.rows().size()) {
                break;
            }
            if (chunk.upper() == null) {
                finishSnapshot();
                return ReadStatus.MORE;
            }
            currentUpper = chunk.upper();
            chunk = null;
            chunkIndex++;
        }
        return ReadStatus.MORE;
    }

    private SnapshotFetcher.Chunk poll() {
        try {
            return snapshot.chunk(chunkIndex);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new WeirException(ErrorCode.CONNECTOR_ERROR, "postgres-cdc: the snapshot of "
                    + config.qualifiedTable() + " failed: " + cause.getMessage(), cause);
        }
    }

    private void finishSnapshot() throws SQLException {
        long lsn = snapshot.consistentLsn();
        segments.add(new CdcPosition.Segment(null, lsn));
        double seconds = (System.nanoTime() - snapshotStarted) / 1e9;
        LOG.info("Snapshot of {} done: {} rows in {} s; streaming from slot {}", config.qualifiedTable(),
                snapshotRows, String.format("%.1f", seconds), config.slot());
        snapshot.close();
        snapshot = null;
        chunk = null;
        long from = segments.stream().mapToLong(CdcPosition.Segment::lsn).min().orElse(lsn);
        openStream(new CdcPosition(CdcPosition.Phase.STREAM, segments, from, 0, 0));
    }

    @Override
    public byte[] snapshotPosition(long checkpointId) {
        CdcPosition now;
        if (stream != null) {
            now = stream.position();
            confirmable.put(checkpointId, now.streamFrom());
        } else if (table == null) {
            now = position;
        } else {
            List<CdcPosition.Segment> emitted = new ArrayList<>(segments);
            if (currentUpper != null) {
                emitted.add(new CdcPosition.Segment(currentUpper, snapshot.consistentLsn()));
            }
            now = new CdcPosition(CdcPosition.Phase.SNAPSHOT, emitted, 0, 0, 0);
        }
        return now.toBytes();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map.Entry<Long, Long> entry = confirmable.floorEntry(checkpointId);
        if (entry == null) {
            return;
        }
        long lsn = entry.getValue();
        confirmable.headMap(checkpointId, true).clear();
        try {
            stream.confirm(lsn);
        } catch (SQLException e) {
            LOG.warn("postgres-cdc: confirming LSN {} to slot {} failed: {}", Lsn.format(lsn), config.slot(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        if (snapshot != null) {
            snapshot.close();
        }
        if (stream != null) {
            stream.close();
        }
    }
}

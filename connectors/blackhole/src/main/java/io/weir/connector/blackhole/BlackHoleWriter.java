package io.weir.connector.blackhole;

import io.weir.spi.connector.Committable;
import io.weir.spi.connector.SinkWriter;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts and discards the rows of one subtask; logs the count at DEBUG when closed. Single-threaded. */
public final class BlackHoleWriter implements SinkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BlackHoleWriter.class);

    private long rows;

    @Override
    public void write(VectorSchemaRoot batch) {
        rows += batch.getRowCount();
    }

    @Override
    public List<Committable> prepareCommit() {
        return List.of();
    }

    /** The number of rows discarded so far. */
    public long rowCount() {
        return rows;
    }

    @Override
    public void close() {
        LOG.debug("blackhole writer discarded {} rows", rows);
    }
}

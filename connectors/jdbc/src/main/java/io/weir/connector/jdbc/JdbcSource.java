package io.weir.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded scan of a PostgreSQL table: one split per range of {@code 'scan.partition.column'}
 * (see {@link PartitionRanges}), each read by its own query and connection. Immutable.
 */
final class JdbcSource implements TableSource {
    private final ConnectionSettings settings;
    private final RowType schema;
    private final List<JdbcSplit> splits;
    private final int fetchSize;

    JdbcSource(ConnectionSettings settings, RowType schema, List<JdbcSplit> splits, int fetchSize) {
        this.settings = requireNonNull(settings, "settings is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.splits = List.copyOf(splits);
        this.fetchSize = fetchSize;
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    /** The splits of the partition options; {@code parallelism} does not change them. */
    @Override
    public List<SourceSplit> planSplits(int parallelism) {
        return new ArrayList<>(splits);
    }

    @Override
    public SourceReader createReader(SourceSplit split, ReaderContext context) {
        return new JdbcSplitReader(settings, schema, (JdbcSplit) split, fetchSize);
    }
}

package io.weir.connector.postgrescdc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.RowKind;
import java.util.List;

/**
 * Appends one change to a batch: the physical columns, then one value per declared metadata key
 * ({@code database_name}, {@code schema_name}, {@code table_name}, {@code op_ts}, {@code lsn}), then
 * the row kind when the batch carries that column. Hot path; not thread-safe (one per reader).
 */
final class RowWriter {
    private final CdcConfig config;
    private final List<String> metadataKeys;
    private final int physical;
    private Object[] buffer;

    RowWriter(CdcConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.metadataKeys = config.metadataKeys();
        this.physical = config.columns().size();
    }

    /**
     * Appends {@code values} (the physical columns) as a row of {@code kind}, committed at
     * {@code opTsMillis} (0 for snapshot rows) at WAL position {@code lsn}.
     */
    void write(BatchBuilder out, Object[] values, RowKind kind, long opTsMillis, long lsn) {
        int columns = out.columnCount();
        if (buffer == null || buffer.length != columns) {
            buffer = new Object[columns];
        }
        System.arraycopy(values, 0, buffer, 0, physical);
        for (int i = 0; i < metadataKeys.size(); i++) {
            buffer[physical + i] = switch (metadataKeys.get(i)) {
                case PostgresCdcTableFactory.DATABASE_NAME -> config.database();
                case PostgresCdcTableFactory.SCHEMA_NAME -> config.schema();
                case PostgresCdcTableFactory.TABLE_NAME -> config.table();
                case PostgresCdcTableFactory.OP_TS -> opTsMillis;
                case PostgresCdcTableFactory.LSN -> lsn;
                default -> null;
            };
        }
        int kindColumn = physical + metadataKeys.size();
        if (columns > kindColumn) {
            buffer[kindColumn] = kind.toByteValue();
        }
        out.append(buffer);
    }
}

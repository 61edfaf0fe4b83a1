package io.weir.spi.connector;

/**
 * Which changes a table's connector produces when read and accepts when written (see
 * {@link io.weir.spi.batch.RowKind}). The planner asks {@link TableFactory#changelogMode} while
 * planning: a source in {@link #ALL} mode makes its scan a changelog, and a job whose result is a
 * changelog may only write into a table in {@link #ALL} mode.
 */
public enum ChangelogMode {
    /** Only {@code +I} rows: an append-only stream (CSV files, most message queues). */
    INSERT_ONLY,
    /** {@code +I}, {@code -U}, {@code +U} and {@code -D} rows (e.g. the {@code debezium-json} format). */
    ALL
}

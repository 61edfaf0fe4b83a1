package io.weir.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableSink;
import io.weir.spi.type.RowType;
import java.time.Duration;
import java.util.List;

/**
 * Writes into a PostgreSQL table. With a primary key it upserts ({@code INSERT … ON CONFLICT (key)
 * DO UPDATE}) and deletes by key, so it takes a changelog; without one it appends with plain
 * INSERTs. Writers flush their buffers at every commit point, so a completed checkpoint has
 * everything before its barrier in the database; nothing is staged for {@link #commit}.
 *
 * <p>Guarantee: after a failure the job replays the changes since the last checkpoint. Upserts and
 * deletes by key are idempotent, so a keyed table ends up exactly as without the failure (it may
 * briefly show older values while the replay catches up): exactly-once for keyed tables. Replayed
 * INSERTs into a table without a key are written again: at-least-once. Immutable.
 */
final class JdbcSink implements TableSink {
    /** How a writer buffers and retries. */
    record WriteSettings(int maxRows, Duration flushInterval, int maxRetries) {
    }

    private final ConnectionSettings settings;
    private final RowType schema;
    private final List<String> primaryKey;
    private final WriteSettings write;

    JdbcSink(ConnectionSettings settings, RowType schema, List<String> primaryKey, WriteSettings write) {
        this.settings = requireNonNull(settings, "settings is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.primaryKey = List.copyOf(primaryKey);
        this.write = requireNonNull(write, "write is null");
    }

    @Override
    public SinkWriter createWriter(SinkContext context) {
        return new JdbcSinkWriter(settings, schema, primaryKey, write);
    }

    @Override
    public boolean acceptsChangelog() {
        return !primaryKey.isEmpty();
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return primaryKey.isEmpty() ? DeliveryGuarantee.AT_LEAST_ONCE : DeliveryGuarantee.EXACTLY_ONCE;
    }
}

package io.weir.executor.view;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.Committable;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The internal {@code materialized-view} connector: the table behind a materialized view. Its job
 * writes the view's changelog into the view's {@link ViewStore} (visible at once), and queries read a
 * snapshot of the store as a bounded, insert-only table. One instance per server, which owns that
 * server's stores; not listed for ServiceLoader, since users never name it.
 */
public final class MaterializedViewConnector implements TableFactory {
    public static final String IDENTIFIER = "materialized-view";
    public static final ConfigOption<String> VIEW = ConfigOption.string("view", null,
            "The materialized view whose rows the table holds.");
    public static final ConfigOption<String> QUERY = ConfigOption.string("query", null,
            "The view's defining query, which its job runs.");

    private final Map<String, ViewStore> stores = new ConcurrentHashMap<>();

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(VIEW, QUERY);
    }

    @Override
    public boolean supportsSource() {
        return true;
    }

    @Override
    public boolean supportsSink() {
        return true;
    }

    @Override
    public ChangelogMode sinkChangelogMode(TableContext context) {
        return ChangelogMode.ALL;
    }

    /** The store of {@code view}, created empty when it has none. */
    public ViewStore store(String view) {
        return stores.computeIfAbsent(view, ViewStore::new);
    }

    /** Forgets {@code view}'s rows (the view was dropped). */
    public void drop(String view) {
        stores.remove(view);
    }

    private String viewOf(TableContext context) {
        String view = context.options().get(VIEW);
        if (view == null) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + context.tableName() + "' needs option 'view'");
        }
        return view;
    }

    @Override
    public TableSource createSource(TableContext context) {
        ViewStore store = store(viewOf(context));
        return new TableSource() {
            @Override
            public boolean isBounded() {
                return true;
            }

            @Override
            public List<SourceSplit> planSplits(int parallelism) {
                return List.of(() -> "view-" + store.name());
            }

            @Override
            public SourceReader createReader(SourceSplit split, ReaderContext readerContext) {
                List<Object[]> rows = store.snapshot();
                return new SourceReader() {
                    private int next;

                    @Override
                    public ReadStatus read(BatchBuilder out) {
                        while (next < rows.size() && !out.isFull()) {
                            out.append(rows.get(next++));
                        }
                        return next >= rows.size() ? ReadStatus.END : ReadStatus.MORE;
                    }

                    @Override
                    public void close() {
                        // the snapshot is garbage once the reader is gone
                    }
                };
            }
        };
    }

    @Override
    public TableSink createSink(TableContext context) {
        ViewStore store = store(viewOf(context));
        // the view's job starts over: from an empty view
        store.clear();
        int width = context.schema().size();
        return new TableSink() {
            @Override
            public SinkWriter createWriter(SinkContext sinkContext) {
                return new SinkWriter() {
                    @Override
                    public void write(VectorSchemaRoot batch) {
                        List<ViewStore.Change> changes = new ArrayList<>(batch.getRowCount());
                        boolean changelog = batch.getSchema().getFields().size() > width;
                        for (int r = 0; r < batch.getRowCount(); r++) {
                            Object[] row = new Object[width];
                            for (int c = 0; c < width; c++) {
                                Object value = BatchValues.get(batch.getVector(c), r);
                                row[c] = value instanceof byte[] bytes ? java.nio.ByteBuffer.wrap(bytes) : value;
                            }
                            boolean insert = !changelog || RowKind.fromByteValue(
                                    (Byte) BatchValues.get(batch.getVector(width), r)).isAccumulate();
                            changes.add(new ViewStore.Change(java.util.Arrays.asList(row), insert));
                        }
                        store.apply(changes);
                    }

                    @Override
                    public List<Committable> prepareCommit() {
                        return List.of();
                    }

                    @Override
                    public void close() {
                        // rows are in the store as soon as they are written
                    }
                };
            }

            @Override
            public boolean acceptsChangelog() {
                return true;
            }
        };
    }
}

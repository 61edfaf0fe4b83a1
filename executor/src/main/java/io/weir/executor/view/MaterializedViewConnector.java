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
    public static final ConfigOption<Boolean> FOLLOW = ConfigOption.booleanValue("follow", false,
            "Set by the planner in streaming mode: read the view as its changelog (its rows, then every change) "
                    + "instead of a snapshot.");
    public static final ConfigOption<String> LOOKUP_COLUMN = ConfigOption.string("lookup.column", null,
            "Set by the planner for a point lookup: the column a query's filter compares with a constant.");
    public static final ConfigOption<String> LOOKUP_VALUE = ConfigOption.string("lookup.value", null,
            "Set by the planner for a point lookup: the constant, as text.");

    private final Map<String, ViewStore> stores = new ConcurrentHashMap<>();

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(VIEW, QUERY, FOLLOW, LOOKUP_COLUMN, LOOKUP_VALUE);
    }

    @Override
    public boolean supportsSource() {
        return true;
    }

    @Override
    public boolean supportsSink() {
        return true;
    }

    /** A followed view yields a changelog; a snapshot read yields its rows as inserts. */
    @Override
    public ChangelogMode changelogMode(TableContext context) {
        return context.options().get(FOLLOW) ? ChangelogMode.ALL : ChangelogMode.INSERT_ONLY;
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
        if (context.options().get(FOLLOW)) {
            return new FollowingSource(store);
        }
        Object[] lookup = lookup(context);
        return new TableSource() {
            @Override
            public boolean isBounded() {
                return true;
            }

            @Override
            public List<SourceSplit> planSplits(int parallelism) {
                String id = "view-" + store.name();
                return List.of(() -> id);
            }

            @Override
            public SourceReader createReader(SourceSplit split, ReaderContext readerContext) {
                List<Object[]> rows = lookup == null ? store.snapshot() : store.lookup((Integer) lookup[0], lookup[1]);
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

    /** The pushed-down point lookup: column and value in the column's Java type; null when none (or unreadable). */
    private static Object[] lookup(TableContext context) {
        String column = context.options().getOptional(LOOKUP_COLUMN).orElse(null);
        String text = context.options().getOptional(LOOKUP_VALUE).orElse(null);
        if (column == null || text == null) {
            return null;
        }
        int index = Integer.parseInt(column);
        io.weir.spi.type.DataType type = context.schema().type(index);
        try {
            Object value = switch (type.kind()) {
                case BIGINT, TIMESTAMP, TIMESTAMP_LTZ -> Long.parseLong(text);
                case INT, DATE, TIME -> Integer.parseInt(text);
                case SMALLINT -> Short.parseShort(text);
                case TINYINT -> Byte.parseByte(text);
                case DOUBLE -> Double.parseDouble(text);
                case FLOAT -> Float.parseFloat(text);
                case BOOLEAN -> Boolean.parseBoolean(text);
                case DECIMAL -> new java.math.BigDecimal(text).setScale(type.scale(), java.math.RoundingMode.UNNECESSARY);
                case STRING, CHAR -> text;
                default -> null;
            };
            return value == null ? null : new Object[] {index, value};
        } catch (NumberFormatException | ArithmeticException e) {
            // a constant the column's values can never equal exactly: read everything, the filter decides
            return null;
        }
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
                return new ViewWriter(store, width);
            }

            @Override
            public boolean acceptsChangelog() {
                return true;
            }
        };
    }

    /**
     * Applies a job subtask's changes to the view's store, and remembers the rows this writer
     * contributed, which are its checkpointed state: a resumed job puts them back.
     */
    private static final class ViewWriter implements SinkWriter, io.weir.executor.operator.StatefulSinkWriter {
        private final ViewStore store;
        private final int width;
        private final java.util.HashMap<List<Object>, long[]> mine = new java.util.HashMap<>();

        ViewWriter(ViewStore store, int width) {
            this.store = store;
            this.width = width;
        }

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
                            List<Object> values = java.util.Arrays.asList(row);
                            changes.add(new ViewStore.Change(values, insert));
                            if (insert) {
                                mine.computeIfAbsent(values, v -> new long[1])[0]++;
                            } else {
                                long[] count = mine.get(values);
                                if (count != null && --count[0] == 0) {
                                    mine.remove(values);
                                }
                            }
                        }
                        store.apply(changes);
                    }

                    @Override
                    public List<Committable> prepareCommit() {
                        return List.of();
                    }

                    @Override
                    public byte[] snapshot() {
                        java.util.ArrayList<Object[]> rows = new java.util.ArrayList<>();
                        mine.forEach((row, count) -> rows.add(new Object[] {new java.util.ArrayList<>(row), count[0]}));
                        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                            out.writeObject(rows);
                        } catch (java.io.IOException e) {
                            throw new WeirException(ErrorCode.INTERNAL_ERROR, "Cannot snapshot materialized view '"
                                    + store.name() + "': " + e, e);
                        }
                        return bytes.toByteArray();
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public void restore(List<byte[]> states) {
                        List<ViewStore.Change> changes = new ArrayList<>();
                        for (byte[] state : states) {
                            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                                    new java.io.ByteArrayInputStream(state))) {
                                for (Object[] entry : (List<Object[]>) in.readObject()) {
                                    List<Object> row = (List<Object>) entry[0];
                                    long count = (Long) entry[1];
                                    mine.computeIfAbsent(row, r -> new long[1])[0] += count;
                                    for (long i = 0; i < count; i++) {
                                        changes.add(new ViewStore.Change(row, true));
                                    }
                                }
                            } catch (java.io.IOException | ClassNotFoundException e) {
                                throw new WeirException(ErrorCode.INTERNAL_ERROR, "Cannot restore materialized view '"
                                        + store.name() + "': " + e, e);
                            }
                        }
                        store.apply(changes);
                    }

                    @Override
                    public void close() {
                        // rows are in the store as soon as they are written
                    }
    }

    /**
     * A view read as its changelog, never ending: its current rows as +I, then each change its job
     * makes (+I, -D). The reader has no position to resume from, so a job that reads a view this way
     * is not checkpointed and starts over after a restart, reading the view's rows again.
     */
    private static final class FollowingSource implements TableSource {
        private final ViewStore store;

        FollowingSource(ViewStore store) {
            this.store = store;
        }

        @Override
        public boolean isBounded() {
            return false;
        }

        @Override
        public List<SourceSplit> planSplits(int parallelism) {
            String id = "follow-" + store.name();
            return List.of(() -> id);
        }

        @Override
        public SourceReader createReader(SourceSplit split, ReaderContext readerContext) {
            java.util.concurrent.LinkedBlockingQueue<ViewStore.Change> changes = new java.util.concurrent.LinkedBlockingQueue<>();
            Runnable stop = store.subscribe(changes::add);
            return new SourceReader() {
                @Override
                public ReadStatus read(BatchBuilder out) {
                    int width = out.columnCount() - 1;
                    ViewStore.Change change;
                    boolean any = false;
                    while (!out.isFull() && (change = changes.poll()) != null) {
                        Object[] row = new Object[width + 1];
                        for (int c = 0; c < width; c++) {
                            Object value = change.row().get(c);
                            row[c] = value instanceof java.nio.ByteBuffer bytes ? bytes.array() : value;
                        }
                        row[width] = (change.insert() ? RowKind.INSERT : RowKind.DELETE).toByteValue();
                        out.append(row);
                        any = true;
                    }
                    return any ? ReadStatus.MORE : ReadStatus.NOTHING_AVAILABLE;
                }

                @Override
                public void close() {
                    stop.run();
                }
            };
        }
    }
}

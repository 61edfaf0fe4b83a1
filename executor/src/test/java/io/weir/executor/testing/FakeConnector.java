package io.weir.executor.testing;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A test connector {@code fake}: sources read in-memory rows registered under {@code 'data'} (split
 * round-robin into {@code 'splits'} splits), or generate {@code (BIGINT id)} rows forever when
 * {@code 'unbounded'}; {@code 'fail-after'} makes readers throw after that many rows. Sinks record
 * committed rows per table and the committables they were asked to abort; {@code 'write-delay-ms'}
 * slows every write.
 */
public final class FakeConnector implements TableFactory {
    static final ConfigOption<String> DATA = ConfigOption.string("data", null, "registered rows");
    static final ConfigOption<Long> SPLITS = ConfigOption.longValue("splits", 1L, 1, "number of splits");
    static final ConfigOption<Boolean> UNBOUNDED = ConfigOption.booleanValue("unbounded", false, "generate forever");
    static final ConfigOption<Long> FAIL_AFTER = ConfigOption.longValue("fail-after", -1L, -1, "throw after rows");
    static final ConfigOption<Long> WRITE_DELAY = ConfigOption.longValue("write-delay-ms", 0L, 0, "sleep per write");

    private final Map<String, List<Object[]>> data = new ConcurrentHashMap<>();
    private final Map<String, List<Object[]>> committed = new ConcurrentHashMap<>();
    private final List<Committable> aborted = new CopyOnWriteArrayList<>();
    private final AtomicInteger openReaders = new AtomicInteger();
    private final AtomicInteger openWriters = new AtomicInteger();

    public FakeConnector register(String name, List<Object[]> rows) {
        data.put(name, List.copyOf(rows));
        return this;
    }

    public List<Object[]> committed(String table) {
        return committed.getOrDefault(table, List.of());
    }

    public List<Committable> aborted() {
        return aborted;
    }

    public int openReaders() {
        return openReaders.get();
    }

    public int openWriters() {
        return openWriters.get();
    }

    @Override
    public String identifier() {
        return "fake";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(DATA, SPLITS, UNBOUNDED, FAIL_AFTER, WRITE_DELAY);
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
    public TableSource createSource(TableContext context) {
        boolean unbounded = context.options().get(UNBOUNDED);
        List<Object[]> rows = unbounded ? List.of() : data.get(context.options().get(DATA));
        long failAfter = context.options().get(FAIL_AFTER);
        int splitCount = context.options().get(SPLITS).intValue();
        return new TableSource() {
            @Override
            public boolean isBounded() {
                return !unbounded;
            }

            @Override
            public List<SourceSplit> planSplits(int parallelism) {
                List<SourceSplit> splits = new ArrayList<>();
                for (int i = 0; i < splitCount; i++) {
                    splits.add(new Split(i));
                }
                return splits;
            }

            @Override
            public SourceReader createReader(SourceSplit split, ReaderContext readerContext) {
                int index = ((Split) split).index;
                List<Object[]> mine = new ArrayList<>();
                for (int i = index; i < rows.size(); i += splitCount) {
                    mine.add(rows.get(i));
                }
                openReaders.incrementAndGet();
                return new Reader(mine, unbounded, failAfter, index);
            }
        };
    }

    private record Split(int index) implements SourceSplit {
        @Override
        public String splitId() {
            return "split-" + index;
        }
    }

    private final class Reader implements SourceReader {
        private final List<Object[]> rows;
        private final boolean unbounded;
        private final long failAfter;
        private long position;
        private boolean closed;

        Reader(List<Object[]> rows, boolean unbounded, long failAfter, int index) {
            this.rows = rows;
            this.unbounded = unbounded;
            this.failAfter = failAfter;
            this.position = unbounded ? index * 1_000_000_000L : 0;
        }

        @Override
        public ReadStatus read(BatchBuilder out) {
            int added = 0;
            while (!out.isFull() && added < 100) {
                if (failAfter >= 0 && position >= failAfter) {
                    throw new IllegalStateException("boom after " + position + " rows");
                }
                if (unbounded) {
                    out.append(new Object[] {position++});
                } else {
                    if (position >= rows.size()) {
                        return ReadStatus.END;
                    }
                    out.append(rows.get((int) position++));
                }
                added++;
            }
            return !unbounded && position >= rows.size() ? ReadStatus.END : ReadStatus.MORE;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                openReaders.decrementAndGet();
            }
        }
    }

    /** Staged rows of one writer. */
    public record Staged(String table, List<Object[]> rows) implements Committable {
    }

    @Override
    public TableSink createSink(TableContext context) {
        String table = context.tableName();
        long delay = context.options().get(WRITE_DELAY);
        return new TableSink() {
            @Override
            public SinkWriter createWriter(SinkContext sinkContext) {
                openWriters.incrementAndGet();
                return new SinkWriter() {
                    private final List<Object[]> pending = new ArrayList<>();
                    private boolean closed;

                    @Override
                    public void write(VectorSchemaRoot batch) {
                        if (delay > 0) {
                            try {
                                Thread.sleep(delay);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException("interrupted", e);
                            }
                        }
                        for (int r = 0; r < batch.getRowCount(); r++) {
                            Object[] row = new Object[batch.getFieldVectors().size()];
                            for (int c = 0; c < row.length; c++) {
                                row[c] = BatchValues.get(batch.getVector(c), r);
                            }
                            pending.add(row);
                        }
                    }

                    @Override
                    public List<Committable> prepareCommit() {
                        List<Committable> staged = List.of(new Staged(table, List.copyOf(pending)));
                        pending.clear();
                        return staged;
                    }

                    @Override
                    public void close() {
                        if (!closed) {
                            closed = true;
                            openWriters.decrementAndGet();
                        }
                    }
                };
            }

            @Override
            public void commit(List<Committable> committables) {
                List<Object[]> rows = committed.computeIfAbsent(table, t -> Collections.synchronizedList(new ArrayList<>()));
                for (Committable committable : committables) {
                    rows.addAll(((Staged) committable).rows());
                }
            }

            @Override
            public void abort(List<Committable> committables) {
                aborted.addAll(committables);
            }
        };
    }
}

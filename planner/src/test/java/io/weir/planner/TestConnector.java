package io.weir.planner;

import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import io.weir.spi.connector.TableSource;
import java.util.List;

/**
 * A hand-written connector for planner tests: tables are bounded unless {@code 'bounded' = 'false'};
 * nothing is ever read or written (the planner only asks for boundedness).
 */
final class TestConnector implements TableFactory {
    static final ConfigOption<Boolean> BOUNDED = ConfigOption.booleanValue("bounded", true, "whether the table ends");
    static final ConfigOption<Boolean> PROJECTION = ConfigOption.booleanValue("projection", false,
            "whether the source reads its columns by name, so that the planner may push a projection into it");

    @Override
    public String identifier() {
        return "test";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(BOUNDED, PROJECTION);
    }

    @Override
    public boolean supportsSource() {
        return true;
    }

    @Override
    public boolean supportsSink() {
        return true;
    }

    /** Every test table can be the lookup side of a lookup join. */
    @Override
    public boolean supportsLookup() {
        return true;
    }

    @Override
    public TableSource createSource(TableContext context) {
        boolean bounded = context.options().get(BOUNDED);
        boolean projection = context.options().get(PROJECTION);
        return new TableSource() {
            @Override
            public boolean supportsProjection() {
                return projection;
            }

            @Override
            public boolean isBounded() {
                return bounded;
            }

            @Override
            public List<SourceSplit> planSplits(int parallelism) {
                return List.of();
            }

            @Override
            public SourceReader createReader(SourceSplit split, io.weir.spi.connector.ReaderContext readerContext) {
                throw new UnsupportedOperationException("planner tests do not read");
            }
        };
    }

    @Override
    public TableSink createSink(TableContext context) {
        return new TableSink() {
            @Override
            public SinkWriter createWriter(SinkContext sinkContext) {
                throw new UnsupportedOperationException("planner tests do not write");
            }
        };
    }
}

package io.weir.connector.blackhole;

import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import java.util.List;

/**
 * The {@code blackhole} connector (sink only), as Flink's: discards rows, counting them. Its only
 * option is {@code sink.parallelism}. Stateless and thread-safe.
 */
public final class BlackHoleTableFactory implements TableFactory {
    public static final ConfigOption<Long> SINK_PARALLELISM = ConfigOption.longValue("sink.parallelism", null, 1,
            "The number of parallel sink writers; default the input's parallelism.");

    @Override
    public String identifier() {
        return "blackhole";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(SINK_PARALLELISM);
    }

    @Override
    public boolean supportsSink() {
        return true;
    }

    /** Takes every change, as Flink's blackhole does. */
    @Override
    public ChangelogMode changelogMode(TableContext context) {
        return ChangelogMode.ALL;
    }

    @Override
    public TableSink createSink(TableContext context) {
        return new BlackHoleSink();
    }

    /** Hands out writers that count rows and keep nothing; nothing to commit. */
    static final class BlackHoleSink implements TableSink {
        @Override
        public SinkWriter createWriter(SinkContext context) {
            return new BlackHoleWriter();
        }

        @Override
        public boolean acceptsChangelog() {
            return true;
        }
    }
}

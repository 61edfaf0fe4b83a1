package io.weir.cli;

import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A test connector, {@code 'connector' = 'slow-sink'}: a sink that discards rows, sleeping
 * {@code 'delay-per-batch'} after each batch, so that a test can watch back-pressure reach the
 * sources of a job across worker processes. On the test classpath only.
 */
public final class SlowSinkTableFactory implements TableFactory {
    static final ConfigOption<Duration> DELAY = ConfigOption.duration("delay-per-batch", Duration.ofMillis(50),
            "how long the writer sleeps after each batch");

    @Override
    public String identifier() {
        return "slow-sink";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(DELAY);
    }

    @Override
    public boolean supportsSink() {
        return true;
    }

    /** Takes a changelog, as blackhole does, so that updating queries can feed it. */
    @Override
    public io.weir.spi.connector.ChangelogMode changelogMode(TableContext context) {
        return io.weir.spi.connector.ChangelogMode.ALL;
    }

    @Override
    public TableSink createSink(TableContext context) {
        long delay = context.options().get(DELAY).toMillis();
        return (SinkContext sinkContext) -> new SinkWriter() {
            @Override
            public void write(VectorSchemaRoot batch) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public List<io.weir.spi.connector.Committable> prepareCommit() {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }
}

package io.weir.connector.print;

import io.weir.spi.connector.ChangelogMode;
import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSink;
import java.util.List;

/**
 * The {@code print} connector (sink only), with Flink's options {@code print-identifier},
 * {@code standard-error} and {@code sink.parallelism}. Each row is printed as
 * {@code <prefix>+I[1, Oslo, 12.50]}; see {@link RowFormatter} for the value texts and
 * {@link PrintSink} for the prefix. Stateless and thread-safe.
 */
public final class PrintTableFactory implements TableFactory {
    public static final ConfigOption<String> PRINT_IDENTIFIER = ConfigOption.string("print-identifier", null,
            "A message prefix that identifies the sink in the output.");
    public static final ConfigOption<Boolean> STANDARD_ERROR = ConfigOption.booleanValue("standard-error", false,
            "Print to standard error instead of standard output.");
    public static final ConfigOption<Long> SINK_PARALLELISM = ConfigOption.longValue("sink.parallelism", null, 1,
            "The number of parallel sink writers; default the input's parallelism.");

    @Override
    public String identifier() {
        return "print";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(PRINT_IDENTIFIER, STANDARD_ERROR, SINK_PARALLELISM);
    }

    @Override
    public boolean supportsSink() {
        return true;
    }

    /** Prints every change with its row kind, as Flink's print sink does. */
    @Override
    public ChangelogMode changelogMode(TableContext context) {
        return ChangelogMode.ALL;
    }

    @Override
    public TableSink createSink(TableContext context) {
        boolean toStandardError = context.options().get(STANDARD_ERROR);
        return new PrintSink(context.schema(), context.options().getOptional(PRINT_IDENTIFIER).orElse(null),
                toStandardError ? System.err : System.out);
    }
}

package io.weir.connector.datagen;

import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code datagen} connector (source only), with Flink's options: {@code number-of-rows},
 * {@code rows-per-second} and the per-column {@code fields.#.*} options of {@link DataGenOptions}.
 *
 * <p>A table is bounded by {@code number-of-rows}, or else by its shortest sequence column, or else
 * unbounded. Unlike Flink, {@code rows-per-second} paces a bounded table only when set explicitly,
 * so that {@code number-of-rows} tables are read as fast as possible; unbounded tables are always
 * paced (default 10000 rows per second). Stateless and thread-safe.
 */
public final class DataGenTableFactory implements TableFactory {
    @Override
    public String identifier() {
        return "datagen";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return DataGenOptions.ALL;
    }

    @Override
    public boolean supportsSource() {
        return true;
    }

    @Override
    public void validate(TableContext context) {
        List<FieldSpec> fields = FieldSpecs.resolve(context);
        totalRows(context, fields);
    }

    @Override
    public TableSource createSource(TableContext context) {
        List<FieldSpec> fields = FieldSpecs.resolve(context);
        long totalRows = totalRows(context, fields);
        Options options = context.options();
        boolean paced = totalRows < 0 || options.asMap().containsKey(DataGenOptions.ROWS_PER_SECOND.key());
        double rate = paced ? options.get(DataGenOptions.ROWS_PER_SECOND) : 0;
        return new DataGenSource(context.tableName(), fields, totalRows, rate);
    }

    /** {@code number-of-rows}, or the shortest sequence's length, or -1 for unbounded. */
    private static long totalRows(TableContext context, List<FieldSpec> fields) {
        Optional<Long> numberOfRows = context.options().getOptional(DataGenOptions.NUMBER_OF_ROWS);
        long shortest = -1;
        for (FieldSpec field : fields) {
            if (field.kind() != FieldSpec.Kind.SEQUENCE) {
                continue;
            }
            long size = field.sequenceSize();
            if (numberOfRows.isPresent() && numberOfRows.get() > size) {
                throw new WeirException(ErrorCode.INVALID_OPTION, "Option 'number-of-rows' (" + numberOfRows.get()
                        + ") of table '" + context.tableName() + "' asks for more rows than sequence column '"
                        + field.name() + "' has values (" + size + ", from " + field.start().toPlainString() + " to "
                        + field.end().toPlainString() + ")");
            }
            shortest = shortest < 0 ? size : Math.min(shortest, size);
        }
        return numberOfRows.orElse(shortest);
    }
}

package io.weir.connector.nexmark;

import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.connector.TableSource;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.Field;
import io.weir.spi.type.TypeKind;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code nexmark} connector (source only): one flat table per event type, chosen by
 * {@code 'nexmark.table.type'} = {@code bid}, {@code auction} or {@code person}, with the columns
 * of the published benchmark's views (any subset, any order, matched by name):
 *
 * <pre>{@code
 * CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url STRING,
 *     `dateTime` TIMESTAMP(3), extra STRING,
 *     WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND)
 * WITH ('connector' = 'nexmark', 'nexmark.table.type' = 'bid', 'events.num' = '10000000');
 * }</pre>
 *
 * <p>{@code events.num} counts events of all types (person:auction:bid = 1:3:46 by default), so
 * the bid table above holds 9,200,000 rows and an auction table with the same options holds the
 * 600,000 auctions those bids refer to. Generated as fast as possible unless
 * {@code 'rate.limited' = 'true'}. Stateless and thread-safe.
 */
public final class NexmarkTableFactory implements TableFactory {
    /** Keeps an {@code extra} value (at most 1.2 times this) within half of {@link TextPool}'s letters. */
    private static final int MAX_AVG_SIZE = 100_000;

    @Override
    public String identifier() {
        return "nexmark";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return NexmarkOptions.ALL;
    }

    @Override
    public boolean supportsSource() {
        return true;
    }

    @Override
    public void validate(TableContext context) {
        NexmarkConfig config = config(context);
        fields(context, config.type());
    }

    @Override
    public TableSource createSource(TableContext context) {
        NexmarkConfig config = config(context);
        int[] fields = fields(context, config.type());
        Options options = context.options();
        return new NexmarkSource(context.tableName(), config, fields, options.get(NexmarkOptions.EVENTS_NUM),
                options.get(NexmarkOptions.RATE_LIMITED));
    }

    private static NexmarkConfig config(TableContext context) {
        Options options = context.options();
        EventType type = EventType.fromOption(options.get(NexmarkOptions.TABLE_TYPE));
        NexmarkConfig.Shape shape = new NexmarkConfig.Shape(
                size(options, NexmarkOptions.PERSON_AVG_SIZE), size(options, NexmarkOptions.AUCTION_AVG_SIZE),
                size(options, NexmarkOptions.BID_AVG_SIZE), ratio(options, NexmarkOptions.HOT_AUCTION_RATIO),
                ratio(options, NexmarkOptions.HOT_BIDDER_RATIO), ratio(options, NexmarkOptions.HOT_SELLER_RATIO));
        return new NexmarkConfig(type, ratio(options, NexmarkOptions.PERSON_PROPORTION),
                ratio(options, NexmarkOptions.AUCTION_PROPORTION), ratio(options, NexmarkOptions.BID_PROPORTION),
                shape, options.get(NexmarkOptions.FIRST_EVENT_RATE), baseTime(options));
    }

    /** For each column of the table, the event field it holds; fails on unknown names and wrong types. */
    private static int[] fields(TableContext context, EventType type) {
        List<Field> columns = context.schema().fields();
        int[] fields = new int[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            Field column = columns.get(i);
            int field = type.fieldOf(column.name());
            if (field < 0) {
                throw new WeirException(ErrorCode.INVALID_OPTION, "Column '" + column.name() + "' of table '"
                        + context.tableName() + "' is not a field of nexmark " + type.optionValue() + " events; "
                        + "their fields are: " + type.columns().stream().map(EventType.Column::name)
                                .collect(Collectors.joining(", ")));
            }
            EventType.Kind kind = type.columns().get(field).kind();
            if (!accepts(kind, column.type().kind())) {
                throw new WeirException(ErrorCode.DATATYPE_MISMATCH, "Column '" + column.name() + "' of table '"
                        + context.tableName() + "' has type " + column.type() + ", but nexmark " + type.optionValue()
                        + " field '" + type.columns().get(field).name() + "' is a " + expected(kind));
            }
            fields[i] = field;
        }
        return fields;
    }

    private static boolean accepts(EventType.Kind kind, TypeKind declared) {
        return switch (kind) {
            case BIGINT -> declared == TypeKind.BIGINT;
            case STRING -> declared == TypeKind.STRING;
            case TIMESTAMP -> declared == TypeKind.TIMESTAMP || declared == TypeKind.TIMESTAMP_LTZ;
        };
    }

    private static String expected(EventType.Kind kind) {
        return switch (kind) {
            case BIGINT -> "BIGINT";
            case STRING -> "STRING (or VARCHAR)";
            case TIMESTAMP -> "TIMESTAMP(3) (or TIMESTAMP_LTZ(3))";
        };
    }

    private static int size(Options options, ConfigOption<Long> option) {
        long value = options.get(option);
        if (value > MAX_AVG_SIZE) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + value + "' for option '"
                    + option.key() + "' of table '" + options.tableName() + "': expected at most "
                    + MAX_AVG_SIZE + " bytes");
        }
        return (int) value;
    }

    private static int ratio(Options options, ConfigOption<Long> option) {
        long value = options.get(option);
        if (value > 1_000_000) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + value + "' for option '"
                    + option.key() + "' of table '" + options.tableName() + "': expected at most 1000000");
        }
        return (int) value;
    }

    private static long baseTime(Options options) {
        String raw = options.get(NexmarkOptions.BASE_TIME).trim();
        try {
            return LocalDateTime.parse(raw.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + raw + "' for option '"
                    + NexmarkOptions.BASE_TIME.key() + "' of table '" + options.tableName()
                    + "': expected a timestamp such as '2024-01-01 00:00:00'");
        }
    }
}

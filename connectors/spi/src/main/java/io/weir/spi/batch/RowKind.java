package io.weir.spi.batch;

import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The kind of change a row of a changelog stands for, with Flink's short strings and byte values:
 * {@code +I} insert (0), {@code -U} the old value of an update (1), {@code +U} its new value (2),
 * {@code -D} delete (3). An update is always sent as {@code -U} followed by {@code +U} of the same key.
 *
 * <p>Convention: a batch that is a changelog carries the kind of each row in its <em>last</em>
 * column, named {@value #COLUMN_NAME}, of type {@code TINYINT NOT NULL} holding {@link #toByteValue()}.
 * It is a plain column, so exchanges, chaining and projections carry it like any other; a batch
 * without that column is insert-only (every row {@code +I}). Sources that read a changelog write
 * the column when the batch they fill has it (one column more than the table's schema); sinks that
 * {@linkplain io.weir.spi.connector.TableSink#acceptsChangelog() accept a changelog} find it after
 * the table's columns.
 */
public enum RowKind {
    INSERT("+I", (byte) 0),
    UPDATE_BEFORE("-U", (byte) 1),
    UPDATE_AFTER("+U", (byte) 2),
    DELETE("-D", (byte) 3);

    /** The name of the row-kind column of a changelog batch. */
    public static final String COLUMN_NAME = "$row_kind";

    /**
     * The writable metadata key of a table column that receives each row's kind as text
     * ({@code op STRING METADATA FROM 'row_kind' VIRTUAL}); the engine fills it for sinks that list it.
     */
    public static final String METADATA_KEY = "row_kind";

    /** The type of the row-kind column. */
    public static final DataType COLUMN_TYPE = DataType.of(TypeKind.TINYINT).withNullable(false);

    private static final RowKind[] BY_VALUE = values();

    private final String shortString;
    private final byte value;

    RowKind(String shortString, byte value) {
        this.shortString = shortString;
        this.value = value;
    }

    /** {@code +I}, {@code -U}, {@code +U} or {@code -D}. */
    public String shortString() {
        return shortString;
    }

    /** The value stored in the row-kind column. */
    public byte toByteValue() {
        return value;
    }

    /** Whether rows of this kind add to a result ({@code +I}, {@code +U}) rather than retract from it. */
    public boolean isAccumulate() {
        return this == INSERT || this == UPDATE_AFTER;
    }

    /** The kind stored as {@code value}; IllegalArgumentException for anything else. */
    public static RowKind fromByteValue(byte value) {
        if (value < 0 || value >= BY_VALUE.length) {
            throw new IllegalArgumentException("no row kind has the value " + value);
        }
        return BY_VALUE[value];
    }

    /** Whether batches of {@code type} are a changelog: their last column is {@value #COLUMN_NAME}. */
    public static boolean isChangelog(RowType type) {
        return type.size() > 0 && type.field(type.size() - 1).name().equals(COLUMN_NAME);
    }

    /** {@code type} with the row-kind column appended. */
    public static RowType withRowKind(RowType type) {
        List<Field> fields = new ArrayList<>(type.fields());
        fields.add(new Field(COLUMN_NAME, COLUMN_TYPE));
        return new RowType(fields);
    }

    /** {@code type} without its row-kind column (unchanged when it has none). */
    public static RowType withoutRowKind(RowType type) {
        return isChangelog(type) ? new RowType(type.fields().subList(0, type.size() - 1)) : type;
    }
}

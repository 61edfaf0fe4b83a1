package io.weir.parser.type;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A basic SQL type written under a Flink alias: {@code STRING} is {@code VARCHAR} of maximum
 * length, {@code BYTES} is {@code VARBINARY} of maximum length, and {@code TIMESTAMP_LTZ(p)} is
 * {@code TIMESTAMP(p) WITH LOCAL TIME ZONE}.
 *
 * <p>It derives the same type as the standard spelling and unparses as the alias.
 */
public final class AliasedBasicTypeNameSpec extends SqlBasicTypeNameSpec {
    private final String alias;
    private final boolean showPrecision;

    /**
     * Creates a spec.
     *
     * @param alias the name written in SQL, such as {@code STRING}
     * @param typeName the standard type it stands for
     * @param precision the precision, or -1 if not specified
     * @param showPrecision whether unparsing writes the precision after the alias
     * @param pos the position of the alias in the SQL text
     */
    public AliasedBasicTypeNameSpec(
            String alias, SqlTypeName typeName, int precision, boolean showPrecision, SqlParserPos pos) {
        super(typeName, precision, pos);
        this.alias = requireNonNull(alias, "alias is null");
        this.showPrecision = showPrecision;
    }

    /** Returns the name written in SQL, such as {@code STRING}. */
    public String alias() {
        return alias;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(alias);
        if (showPrecision && getPrecision() >= 0) {
            SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
            writer.print(getPrecision());
            writer.endList(frame);
        }
    }
}

package io.weir.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code WATERMARK FOR column AS expression} in {@code CREATE TABLE}: the event-time column and
 * the expression that computes the watermark from a row.
 */
public final class SqlWatermark extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("WATERMARK", SqlKind.OTHER);

    private final SqlIdentifier column;
    private final SqlNode expression;

    /** Creates a watermark definition. */
    public SqlWatermark(SqlParserPos pos, SqlIdentifier column, SqlNode expression) {
        super(pos);
        this.column = requireNonNull(column, "column is null");
        this.expression = requireNonNull(expression, "expression is null");
    }

    /** Returns the event-time column as written. */
    public SqlIdentifier column() {
        return column;
    }

    /** Returns the simple name of the event-time column. */
    public String columnName() {
        return column.getSimple();
    }

    /** Returns the watermark expression, such as {@code ts - INTERVAL '5' SECOND}. */
    public SqlNode expression() {
        return expression;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(column, expression);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("WATERMARK FOR");
        column.unparse(writer, 0, 0);
        writer.keyword("AS");
        expression.unparse(writer, 0, 0);
    }
}

package io.weir.parser.dql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code EXPLAIN [PLAN FOR] statement}, where the statement is a query or an INSERT. Replaces
 * Calcite's {@link org.apache.calcite.sql.SqlExplain}, which requires {@code PLAN FOR}.
 */
public final class SqlExplainStatement extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("EXPLAIN", SqlKind.EXPLAIN);

    private final SqlNode statement;

    /** Creates the statement. */
    public SqlExplainStatement(SqlParserPos pos, SqlNode statement) {
        super(pos);
        this.statement = requireNonNull(statement, "statement is null");
    }

    /** Returns the explained query or INSERT. */
    public SqlNode statement() {
        return statement;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(statement);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EXPLAIN");
        writer.newlineAndIndent();
        statement.unparse(writer, 0, 0);
    }
}

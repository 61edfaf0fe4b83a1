package io.weir.parser.dql;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Flink's {@code SHOW [USER] FUNCTIONS}: built-in and user-defined functions, or only the user's. */
public final class SqlShowFunctions extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW FUNCTIONS", SqlKind.OTHER);

    private final boolean userOnly;

    public SqlShowFunctions(SqlParserPos pos, boolean userOnly) {
        super(pos);
        this.userOnly = userOnly;
    }

    /** Whether this is {@code SHOW USER FUNCTIONS}. */
    public boolean userOnly() {
        return userOnly;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(userOnly ? "SHOW USER FUNCTIONS" : "SHOW FUNCTIONS");
    }
}

package io.weir.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code DROP [TEMPORARY] FUNCTION [IF EXISTS] name}. */
public final class SqlDropFunction extends SqlDrop {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP FUNCTION", SqlKind.DROP_FUNCTION);

    private final boolean temporary;
    private final SqlIdentifier name;

    public SqlDropFunction(SqlParserPos pos, boolean ifExists, boolean temporary, SqlIdentifier name) {
        super(OPERATOR, pos, ifExists);
        this.temporary = temporary;
        this.name = requireNonNull(name, "name is null");
    }

    /** Returns the function name, possibly qualified. */
    public SqlIdentifier name() {
        return name;
    }

    public boolean ifExists() {
        return ifExists;
    }

    /** Whether this is {@code DROP TEMPORARY FUNCTION}. */
    public boolean temporary() {
        return temporary;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP");
        if (temporary) {
            writer.keyword("TEMPORARY");
        }
        writer.keyword("FUNCTION");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}

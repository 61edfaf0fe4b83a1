package io.weir.parser.tcl;

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

/** {@code DECLARE name CURSOR [WITH HOLD | WITHOUT HOLD] FOR query | SUBSCRIBE …}. */
public final class SqlDeclareCursor extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DECLARE CURSOR", SqlKind.OTHER);

    private final SqlIdentifier name;
    private final SqlNode query;

    /** Creates the statement; {@code query} is a query or a {@code SqlSubscribe}. */
    public SqlDeclareCursor(SqlParserPos pos, SqlIdentifier name, SqlNode query) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.query = requireNonNull(query, "query is null");
    }

    /** The cursor's name, as PostgreSQL folds it (lower case unless quoted). */
    public String name() {
        return name.getSimple();
    }

    public SqlNode query() {
        return query;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DECLARE");
        name.unparse(writer, leftPrec, rightPrec);
        writer.keyword("CURSOR FOR");
        query.unparse(writer, 0, 0);
    }
}

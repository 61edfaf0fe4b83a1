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

/** {@code FETCH [FORWARD] [n | ALL | NEXT] [FROM | IN] cursor}. */
public final class SqlFetch extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("FETCH", SqlKind.OTHER);

    private final SqlIdentifier cursor;
    private final long count;

    /** Creates the statement; {@code count} -1 means ALL. */
    public SqlFetch(SqlParserPos pos, SqlIdentifier cursor, long count) {
        super(pos);
        this.cursor = requireNonNull(cursor, "cursor is null");
        this.count = count;
    }

    public String cursor() {
        return cursor.getSimple();
    }

    /** How many rows to fetch; -1 for ALL. */
    public long count() {
        return count;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(cursor);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("FETCH");
        writer.keyword(count < 0 ? "ALL" : Long.toString(count));
        cursor.unparse(writer, leftPrec, rightPrec);
    }
}

package io.weir.parser.tcl;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CLOSE cursor} or {@code CLOSE ALL}. */
public final class SqlCloseCursor extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CLOSE", SqlKind.OTHER);

    private final SqlIdentifier cursor;

    /** Creates the statement; {@code cursor} null means ALL. */
    public SqlCloseCursor(SqlParserPos pos, SqlIdentifier cursor) {
        super(pos);
        this.cursor = cursor;
    }

    /** The cursor to close; empty for ALL. */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor).map(SqlIdentifier::getSimple);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return cursor == null ? List.of() : List.of(cursor);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CLOSE");
        if (cursor == null) {
            writer.keyword("ALL");
        } else {
            cursor.unparse(writer, leftPrec, rightPrec);
        }
    }
}

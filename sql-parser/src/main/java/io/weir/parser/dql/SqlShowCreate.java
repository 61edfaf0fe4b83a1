package io.weir.parser.dql;

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

/** {@code SHOW CREATE TABLE name} or {@code SHOW CREATE VIEW name}: the DDL of an object. */
public final class SqlShowCreate extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW CREATE", SqlKind.OTHER);

    /** The kind of object whose DDL is shown. */
    public enum Kind {
        TABLE,
        VIEW
    }

    private final Kind kind;
    private final SqlIdentifier name;

    /** Creates the statement. */
    public SqlShowCreate(SqlParserPos pos, Kind kind, SqlIdentifier name) {
        super(pos);
        this.kind = requireNonNull(kind, "kind is null");
        this.name = requireNonNull(name, "name is null");
    }

    /** Returns whether a table or a view is shown. */
    public Kind kind() {
        return kind;
    }

    /** Returns the object name, possibly qualified. */
    public SqlIdentifier name() {
        return name;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW CREATE");
        writer.keyword(kind.name());
        name.unparse(writer, leftPrec, rightPrec);
    }
}

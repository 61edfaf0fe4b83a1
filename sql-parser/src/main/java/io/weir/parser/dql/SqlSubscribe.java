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

/**
 * {@code SUBSCRIBE [TO] name} or {@code SUBSCRIBE [TO] (query)}: streams the changelog of a
 * relation or query to the client, as Materialize's SUBSCRIBE does.
 */
public final class SqlSubscribe extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SUBSCRIBE", SqlKind.OTHER);

    private final SqlNode target;

    /** Creates the statement; {@code target} is a relation's identifier or a query. */
    public SqlSubscribe(SqlParserPos pos, SqlNode target) {
        super(pos);
        this.target = requireNonNull(target, "target is null");
    }

    /** The relation's identifier, or the query. */
    public SqlNode target() {
        return target;
    }

    /** Whether the target is a named relation rather than a query. */
    public boolean isRelation() {
        return target instanceof SqlIdentifier;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(target);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SUBSCRIBE TO");
        if (isRelation()) {
            target.unparse(writer, leftPrec, rightPrec);
        } else {
            SqlWriter.Frame frame = writer.startList("(", ")");
            target.unparse(writer, 0, 0);
            writer.endList(frame);
        }
    }
}

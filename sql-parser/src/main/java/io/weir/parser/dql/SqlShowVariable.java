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
 * {@code SHOW name}, the PostgreSQL statement that psql and drivers send, such as
 * {@code SHOW server_version}. {@code SHOW ALL} has the name {@code ALL};
 * {@code SHOW TRANSACTION ISOLATION LEVEL} has the name {@code transaction_isolation}.
 */
public final class SqlShowVariable extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);

    private final SqlIdentifier name;

    /** Creates the statement. */
    public SqlShowVariable(SqlParserPos pos, SqlIdentifier name) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
    }

    /** Returns the variable name as written, parts joined by '.'. */
    public String name() {
        return String.join(".", name.names);
    }

    /** Returns the variable name node. */
    public SqlIdentifier nameNode() {
        return name;
    }

    /** Whether this is {@code SHOW ALL}. */
    public boolean isAll() {
        return name.isSimple() && "ALL".equals(name.getSimple());
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
        writer.keyword("SHOW");
        if (isAll()) {
            writer.keyword("ALL");
            return;
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}

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

/** {@code DROP [TEMPORARY | MATERIALIZED] VIEW [IF EXISTS] name}. */
public final class SqlDropView extends SqlDrop {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP VIEW", SqlKind.DROP_VIEW);
    private static final SqlOperator MATERIALIZED_OPERATOR =
            new SqlSpecialOperator("DROP MATERIALIZED VIEW", SqlKind.DROP_MATERIALIZED_VIEW);

    private final boolean temporary;
    private final boolean materialized;
    private final SqlIdentifier name;

    /** Creates the statement; {@code temporary} and {@code materialized} exclude each other. */
    public SqlDropView(SqlParserPos pos, boolean ifExists, boolean temporary, boolean materialized,
            SqlIdentifier name) {
        super(materialized ? MATERIALIZED_OPERATOR : OPERATOR, pos, ifExists);
        this.temporary = temporary;
        this.materialized = materialized;
        this.name = requireNonNull(name, "name is null");
    }

    /** Returns the view name, possibly qualified. */
    public SqlIdentifier name() {
        return name;
    }

    /** Whether {@code IF EXISTS} was given. */
    public boolean ifExists() {
        return ifExists;
    }

    /** Whether this is {@code DROP TEMPORARY VIEW}. */
    public boolean temporary() {
        return temporary;
    }

    /** Whether this is {@code DROP MATERIALIZED VIEW}. */
    public boolean materialized() {
        return materialized;
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
        if (materialized) {
            writer.keyword("MATERIALIZED");
        }
        writer.keyword("VIEW");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}

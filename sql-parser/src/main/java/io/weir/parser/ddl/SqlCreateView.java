package io.weir.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE [OR REPLACE] [TEMPORARY | MATERIALIZED] VIEW [IF NOT EXISTS] name [(c, ...)]
 * [COMMENT '...'] AS query}. A materialized view is a continuously maintained query result.
 */
public final class SqlCreateView extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW);
    private static final SqlOperator MATERIALIZED_OPERATOR =
            new SqlSpecialOperator("CREATE MATERIALIZED VIEW", SqlKind.CREATE_MATERIALIZED_VIEW);

    private final boolean temporary;
    private final boolean materialized;
    private final SqlIdentifier name;
    private final @Nullable SqlNodeList columnNames;
    private final @Nullable SqlCharStringLiteral comment;
    private final SqlNode query;

    /** Creates the statement; {@code temporary} and {@code materialized} exclude each other. */
    public SqlCreateView(SqlParserPos pos, boolean replace, boolean ifNotExists, boolean temporary,
            boolean materialized, SqlIdentifier name, @Nullable SqlNodeList columnNames,
            @Nullable SqlCharStringLiteral comment, SqlNode query) {
        super(materialized ? MATERIALIZED_OPERATOR : OPERATOR, pos, replace, ifNotExists);
        if (temporary && materialized) {
            throw new IllegalArgumentException("a view cannot be both temporary and materialized");
        }
        this.temporary = temporary;
        this.materialized = materialized;
        this.name = requireNonNull(name, "name is null");
        this.columnNames = columnNames;
        this.comment = comment;
        this.query = requireNonNull(query, "query is null");
    }

    /** Returns the view name, possibly qualified. */
    public SqlIdentifier name() {
        return name;
    }

    /** Returns the column names given after the view name, empty if none were given. */
    public List<String> columnNames() {
        return columnNames == null ? List.of() : DdlUnparse.simpleNames(columnNames);
    }

    /** Returns the defining query. */
    public SqlNode query() {
        return query;
    }

    /** Whether this is {@code CREATE TEMPORARY VIEW}. */
    public boolean temporary() {
        return temporary;
    }

    /** Whether this is {@code CREATE MATERIALIZED VIEW}. */
    public boolean materialized() {
        return materialized;
    }

    /** Whether {@code IF NOT EXISTS} was given. */
    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** Returns the view comment, if any. */
    public Optional<String> comment() {
        return Optional.ofNullable(comment).map(DdlUnparse::stringValue);
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, columnNames, comment, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE" : "CREATE");
        if (temporary) {
            writer.keyword("TEMPORARY");
        }
        if (materialized) {
            writer.keyword("MATERIALIZED");
        }
        writer.keyword("VIEW");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        if (columnNames != null) {
            DdlUnparse.parenthesized(writer, columnNames.getList());
        }
        if (comment != null) {
            writer.keyword("COMMENT");
            comment.unparse(writer, 0, 0);
        }
        writer.keyword("AS");
        writer.newlineAndIndent();
        query.unparse(writer, 0, 0);
    }
}

package io.weir.parser.ddl;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlAlter;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Sets a session option, or lists them all. Forms:
 * <ul>
 *   <li>{@code SET} lists every option (key and value absent);
 *   <li>{@code SET 'key' = 'value'} (Flink);
 *   <li>{@code SET key = value} and {@code SET key TO value}, where the key is a possibly dotted
 *       identifier and the value a literal or identifier (PostgreSQL); {@code SET TIME ZONE v}
 *       sets {@code timezone}.
 * </ul>
 * It extends {@link SqlAlter}, so {@code ALTER SESSION SET ...} parses too and keeps its scope.
 */
public final class SqlSet extends SqlAlter {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SET", SqlKind.SET_OPTION);

    private final @Nullable SqlNode key;
    private final @Nullable SqlNode value;

    /** Creates the statement; key and value are both present or both absent. */
    public SqlSet(SqlParserPos pos, @Nullable String scope, @Nullable SqlNode key, @Nullable SqlNode value) {
        super(pos, scope);
        if ((key == null) != (value == null)) {
            throw new IllegalArgumentException("key and value must both be present or both absent");
        }
        this.key = key;
        this.value = value;
    }

    /** Returns the option key (string literal unquoted, identifier parts joined by '.'), if any. */
    public Optional<String> key() {
        return Optional.ofNullable(key).map(SqlSet::text);
    }

    /** Returns the value as text (literals unquoted, identifiers as written), if any. */
    public Optional<String> value() {
        return Optional.ofNullable(value).map(SqlSet::text);
    }

    /** Returns the key node: a character literal or an identifier, or null for plain SET. */
    public @Nullable SqlNode keyNode() {
        return key;
    }

    /** Returns the value node: a literal or an identifier, or null for plain SET. */
    public @Nullable SqlNode valueNode() {
        return value;
    }

    /** The text of a key or value: literals unquoted, identifiers as written. */
    static String text(SqlNode node) {
        if (node instanceof SqlIdentifier identifier) {
            return String.join(".", identifier.names);
        }
        if (node instanceof SqlCharStringLiteral literal) {
            return literal.getValueAs(String.class);
        }
        return ((SqlLiteral) node).toValue();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(key, value);
    }

    @Override
    protected void unparseAlterOperation(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SET");
        if (key == null || value == null) {
            return;
        }
        key.unparse(writer, leftPrec, rightPrec);
        writer.keyword("=");
        value.unparse(writer, leftPrec, rightPrec);
    }
}

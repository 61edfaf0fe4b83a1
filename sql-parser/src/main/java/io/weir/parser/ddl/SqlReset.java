package io.weir.parser.ddl;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlAlter;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Resets a session option to its default: {@code RESET 'key'} or {@code RESET key}; plain
 * {@code RESET} and {@code RESET ALL} reset every option. Like {@link SqlSet} it may follow
 * {@code ALTER SESSION}.
 */
public final class SqlReset extends SqlAlter {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("RESET", SqlKind.SET_OPTION);

    private final @Nullable SqlNode key;

    /** Creates the statement; a null key resets every option. */
    public SqlReset(SqlParserPos pos, @Nullable String scope, @Nullable SqlNode key) {
        super(pos, scope);
        this.key = key;
    }

    /** Returns the option key, or empty to reset all options. */
    public Optional<String> key() {
        return Optional.ofNullable(key).map(SqlSet::text);
    }

    /** Returns the key node (a character literal or an identifier), or null to reset all. */
    public @Nullable SqlNode keyNode() {
        return key;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(key);
    }

    @Override
    protected void unparseAlterOperation(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("RESET");
        if (key != null) {
            key.unparse(writer, leftPrec, rightPrec);
        }
    }
}

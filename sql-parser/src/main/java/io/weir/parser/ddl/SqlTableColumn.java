package io.weir.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A column in {@code CREATE TABLE}: {@link Physical} ({@code name type}), {@link Computed}
 * ({@code name AS expr}) or {@link Metadata} ({@code name type METADATA [FROM 'key'] [VIRTUAL]}).
 * Each may carry a {@code COMMENT}.
 */
public abstract sealed class SqlTableColumn extends SqlCall
        permits SqlTableColumn.Physical, SqlTableColumn.Computed, SqlTableColumn.Metadata {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

    private final SqlIdentifier name;
    private final @Nullable SqlCharStringLiteral comment;

    private SqlTableColumn(SqlParserPos pos, SqlIdentifier name, @Nullable SqlCharStringLiteral comment) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.comment = comment;
    }

    /** Returns the column name as written. */
    public SqlIdentifier name() {
        return name;
    }

    /** Returns the simple column name. */
    public String nameAsString() {
        return name.getSimple();
    }

    /** Returns the column comment, if any. */
    public Optional<String> comment() {
        return Optional.ofNullable(comment).map(c -> c.getValueAs(String.class));
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    /** Writes {@code COMMENT '...'} if there is a comment. */
    void unparseComment(SqlWriter writer) {
        if (comment != null) {
            writer.keyword("COMMENT");
            comment.unparse(writer, 0, 0);
        }
    }

    /** Writes the type, followed by {@code NOT NULL} if it is not nullable. */
    static void unparseType(SqlWriter writer, SqlDataTypeSpec type) {
        type.unparse(writer, 0, 0);
        if (Boolean.FALSE.equals(type.getNullable())) {
            writer.keyword("NOT NULL");
        }
    }

    /** A physical column: {@code name type [NOT NULL] [COMMENT '...']}. */
    public static final class Physical extends SqlTableColumn {
        private final SqlDataTypeSpec type;

        /** Creates a column; the nullability of {@code type} is that of the column. */
        public Physical(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type,
                @Nullable SqlCharStringLiteral comment) {
            super(pos, name, comment);
            this.type = requireNonNull(type, "type is null");
        }

        /** Returns the type; {@code getNullable()} is false for {@code NOT NULL}. */
        public SqlDataTypeSpec type() {
            return type;
        }

        /** Whether the column accepts NULL. */
        public boolean nullable() {
            return !Boolean.FALSE.equals(type.getNullable());
        }

        @Override
        public List<SqlNode> getOperandList() {
            return ImmutableNullableList.of(name(), type);
        }

        @Override
        public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
            name().unparse(writer, 0, 0);
            unparseType(writer, type);
            unparseComment(writer);
        }
    }

    /** A computed column: {@code name AS expression [COMMENT '...']}. */
    public static final class Computed extends SqlTableColumn {
        private final SqlNode expression;

        /** Creates a column. */
        public Computed(SqlParserPos pos, SqlIdentifier name, SqlNode expression,
                @Nullable SqlCharStringLiteral comment) {
            super(pos, name, comment);
            this.expression = requireNonNull(expression, "expression is null");
        }

        /** Returns the expression that computes the column. */
        public SqlNode expression() {
            return expression;
        }

        @Override
        public List<SqlNode> getOperandList() {
            return ImmutableNullableList.of(name(), expression);
        }

        @Override
        public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
            name().unparse(writer, 0, 0);
            writer.keyword("AS");
            expression.unparse(writer, 0, 0);
            unparseComment(writer);
        }
    }

    /** A metadata column: {@code name type METADATA [FROM 'key'] [VIRTUAL] [COMMENT '...']}. */
    public static final class Metadata extends SqlTableColumn {
        private final SqlDataTypeSpec type;
        private final @Nullable SqlCharStringLiteral metadataKey;
        private final boolean isVirtual;

        /** Creates a column; without {@code metadataKey} the key is the column name. */
        public Metadata(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type,
                @Nullable SqlCharStringLiteral metadataKey, boolean isVirtual,
                @Nullable SqlCharStringLiteral comment) {
            super(pos, name, comment);
            this.type = requireNonNull(type, "type is null");
            this.metadataKey = metadataKey;
            this.isVirtual = isVirtual;
        }

        /** Returns the type; {@code getNullable()} is false for {@code NOT NULL}. */
        public SqlDataTypeSpec type() {
            return type;
        }

        /** Returns the key given after {@code FROM}, if any. */
        public Optional<String> metadataKey() {
            return Optional.ofNullable(metadataKey).map(k -> k.getValueAs(String.class));
        }

        /** Whether the column is {@code VIRTUAL} (read-only, not written by INSERT). */
        public boolean isVirtual() {
            return isVirtual;
        }

        @Override
        public List<SqlNode> getOperandList() {
            return ImmutableNullableList.of(name(), type, metadataKey);
        }

        @Override
        public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
            name().unparse(writer, 0, 0);
            unparseType(writer, type);
            writer.keyword("METADATA");
            if (metadataKey != null) {
                writer.keyword("FROM");
                metadataKey.unparse(writer, 0, 0);
            }
            if (isVirtual) {
                writer.keyword("VIRTUAL");
            }
            unparseComment(writer);
        }
    }
}

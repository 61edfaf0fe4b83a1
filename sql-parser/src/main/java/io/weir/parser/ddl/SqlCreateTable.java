package io.weir.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
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
 * {@code CREATE TABLE [IF NOT EXISTS] name (columns, [CONSTRAINT c] PRIMARY KEY (k, ...) NOT
 * ENFORCED, WATERMARK FOR col AS expr) [COMMENT '...'] [PARTITIONED BY (c, ...)] [WITH ('k' = 'v',
 * ...)]}.
 *
 * <p>A primary key written inline on a column ({@code id BIGINT PRIMARY KEY NOT ENFORCED}) is
 * stored like a table-level one and unparsed as such.
 */
public final class SqlCreateTable extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

    private final SqlIdentifier name;
    private final List<SqlTableColumn> columns;
    private final @Nullable SqlWatermark watermark;
    private final @Nullable SqlIdentifier constraintName;
    private final @Nullable SqlNodeList primaryKey;
    private final @Nullable SqlCharStringLiteral comment;
    private final SqlNodeList partitionKeys;
    private final SqlNodeList options;

    /**
     * Creates the statement.
     *
     * @param options alternating key and value character literals
     */
    public SqlCreateTable(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
            List<SqlTableColumn> columns, @Nullable SqlWatermark watermark,
            @Nullable SqlIdentifier constraintName, @Nullable SqlNodeList primaryKey,
            @Nullable SqlCharStringLiteral comment, SqlNodeList partitionKeys, SqlNodeList options) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.watermark = watermark;
        this.constraintName = constraintName;
        this.primaryKey = primaryKey;
        this.comment = comment;
        this.partitionKeys = requireNonNull(partitionKeys, "partitionKeys is null");
        this.options = requireNonNull(options, "options is null");
        if (options.size() % 2 != 0) {
            throw new IllegalArgumentException("options must alternate keys and values");
        }
    }

    /** The error for a clause that a CREATE TABLE has twice, at the position of the second. */
    public static CalciteContextException duplicateClause(SqlParserPos pos, String clause) {
        String message = "Duplicate " + clause + " definition";
        return new CalciteContextException(message, new CalciteException(message, null),
                pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }

    /** Returns the table name, possibly qualified. */
    public SqlIdentifier name() {
        return name;
    }

    /** Returns the columns in declaration order. */
    public List<SqlTableColumn> columns() {
        return columns;
    }

    /** Returns the watermark definition, if any. */
    public Optional<SqlWatermark> watermark() {
        return Optional.ofNullable(watermark);
    }

    /** Returns the name given by {@code CONSTRAINT name PRIMARY KEY}, if any. */
    public Optional<String> constraintName() {
        return Optional.ofNullable(constraintName).map(SqlIdentifier::getSimple);
    }

    /** Returns the primary key columns, empty if there is no primary key. */
    public List<String> primaryKey() {
        return primaryKey == null ? List.of() : DdlUnparse.simpleNames(primaryKey);
    }

    /** Returns the partition columns, empty if the table is not partitioned. */
    public List<String> partitionKeys() {
        return DdlUnparse.simpleNames(partitionKeys);
    }

    /** Returns the {@code WITH} options in declaration order, values unquoted; a fresh copy. */
    public LinkedHashMap<String, String> options() {
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < options.size(); i += 2) {
            map.put(DdlUnparse.stringValue(options.get(i)), DdlUnparse.stringValue(options.get(i + 1)));
        }
        return map;
    }

    /** Whether {@code IF NOT EXISTS} was given. */
    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** Returns the table comment, if any. */
    public Optional<String> comment() {
        return Optional.ofNullable(comment).map(DdlUnparse::stringValue);
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, new SqlNodeList(columns, SqlParserPos.ZERO), watermark,
                primaryKey, comment, partitionKeys, options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE TABLE" : "CREATE TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlTableColumn column : columns) {
            writer.sep(",");
            column.unparse(writer, 0, 0);
        }
        if (primaryKey != null) {
            writer.sep(",");
            if (constraintName != null) {
                writer.keyword("CONSTRAINT");
                constraintName.unparse(writer, 0, 0);
            }
            writer.keyword("PRIMARY KEY");
            DdlUnparse.parenthesized(writer, primaryKey.getList());
            writer.keyword("NOT ENFORCED");
        }
        if (watermark != null) {
            writer.sep(",");
            watermark.unparse(writer, 0, 0);
        }
        writer.endList(frame);
        if (comment != null) {
            writer.keyword("COMMENT");
            comment.unparse(writer, 0, 0);
        }
        if (!partitionKeys.isEmpty()) {
            writer.keyword("PARTITIONED BY");
            DdlUnparse.parenthesized(writer, partitionKeys.getList());
        }
        if (!options.isEmpty()) {
            writer.keyword("WITH");
            unparseOptions(writer);
        }
    }

    private void unparseOptions(SqlWriter writer) {
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (int i = 0; i < options.size(); i += 2) {
            writer.sep(",");
            options.get(i).unparse(writer, 0, 0);
            writer.keyword("=");
            options.get(i + 1).unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}

package io.weir.planner.ddl;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.parser.WeirSqlWriters;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.parser.ddl.SqlTableColumn;
import io.weir.parser.ddl.SqlWatermark;
import io.weir.planner.Planner;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.CatalogStore;
import io.weir.planner.catalog.Column;
import io.weir.planner.catalog.FunctionDefinition;
import io.weir.planner.catalog.TableDefinition;
import io.weir.spi.batch.RowKind;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link TableDefinition} from {@code CREATE TABLE}, checking what Flink checks: column
 * names unique, computed columns and the watermark valid expressions, keys naming columns, and the
 * connector known and happy with its options.
 */
final class TableDefinitionBuilder {
    private final ConnectorRegistry connectors;

    TableDefinitionBuilder(ConnectorRegistry connectors) {
        this.connectors = requireNonNull(connectors, "connectors is null");
    }

    /** @param functions the session's user-defined functions, which computed columns and the watermark may call */
    TableDefinition build(SqlCreateTable create, String ddl, String text, List<FunctionDefinition> functions) {
        String name = DdlExecutor.simpleName(create.name());
        Planner typing = new Planner(new Catalog(CatalogStore.inMemory()), connectors);
        functions.forEach(typing.catalog()::createFunction);
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SqlTableColumn column : create.columns()) {
            String columnName = DdlExecutor.simpleName(column.name());
            if (!seen.add(columnName.toLowerCase(Locale.ROOT))) {
                throw new WeirException(ErrorCode.DUPLICATE_OBJECT, "Column '" + columnName
                        + "' is declared twice in table '" + name + "'");
            }
            if (column instanceof SqlTableColumn.Physical physical) {
                DataType type = typing.columnType(physical.type(), text);
                columns.add(new Column.Physical(columnName, type, physical.comment().orElse(null)));
            } else if (column instanceof SqlTableColumn.Metadata metadata) {
                DataType type = typing.columnType(metadata.type(), text);
                columns.add(new Column.Metadata(columnName, type, metadata.metadataKey().orElse(columnName),
                        metadata.isVirtual()));
            } else if (column instanceof SqlTableColumn.Computed computed) {
                // typed below, once every physical column is known
                columns.add(new Column.Computed(columnName, DataType.of(TypeKind.NULL),
                        WeirSqlWriters.unparse(computed.expression())));
            }
        }
        Map<String, String> options = new LinkedHashMap<>(create.options());
        String connector = options.get("connector");
        if (connector == null) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + name + "' needs the option 'connector'; "
                    + "available connectors: " + String.join(", ", connectors.identifiers()));
        }
        TableDefinition physicalOnly = new TableDefinition(name,
                columns.stream().filter(c -> c instanceof Column.Physical).toList(), Optional.empty(), List.of(),
                List.of(), options, null, ddl);
        typing.catalog().createTable(physicalOnly, false);
        List<Column> typed = new ArrayList<>();
        for (Column column : columns) {
            if (column instanceof Column.Computed computed) {
                DataType type = expressionType(typing, physicalOnly, computed.expression(),
                        "computed column '" + computed.name() + "'");
                typed.add(new Column.Computed(computed.name(), type, computed.expression()));
            } else {
                typed.add(column);
            }
        }
        List<String> primaryKey = checkColumns(name, "PRIMARY KEY", create.primaryKey(), typed);
        List<String> partitionKeys = checkColumns(name, "PARTITIONED BY", create.partitionKeys(), typed);
        Optional<TableDefinition.Watermark> watermark = create.watermark()
                .map(w -> watermark(name, w, typed, typing, physicalOnly));
        TableDefinition table = new TableDefinition(name, typed, watermark, primaryKey, partitionKeys, options,
                create.comment().orElse(null), ddl);
        List<Column.Metadata> metadata = typed.stream().filter(c -> c instanceof Column.Metadata)
                .map(c -> (Column.Metadata) c).toList();
        // Throws, naming the option and the allowed values, when the connector rejects an option.
        connectors.context(name, table.physicalRowType(), options, partitionKeys,
                metadata.stream().map(Column.Metadata::key).toList(), primaryKey);
        checkMetadata(name, connector, metadata);
        return table;
    }

    /**
     * Each metadata column's key must be one the connector reads or writes; {@code row_kind}, which
     * the engine fills when writing, must be a VIRTUAL STRING column (it is never read from the query).
     */
    private void checkMetadata(String table, String connector, List<Column.Metadata> columns) {
        var factory = connectors.get(connector);
        Map<String, DataType> readable = factory.readableMetadata();
        Map<String, DataType> writable = factory.writableMetadata();
        for (Column.Metadata column : columns) {
            if (!readable.containsKey(column.key()) && !writable.containsKey(column.key())) {
                Set<String> known = new java.util.TreeSet<>(readable.keySet());
                known.addAll(writable.keySet());
                throw new WeirException(ErrorCode.INVALID_OPTION, "Column '" + column.name() + "' of table '" + table
                        + "' reads metadata '" + column.key() + "', which connector '" + connector + "' does not offer; "
                        + (known.isEmpty() ? "it offers no metadata" : "available keys: " + String.join(", ", known)));
            }
            if (column.key().equals(RowKind.METADATA_KEY) && (column.type().kind() != TypeKind.STRING
                    || !column.virtual())) {
                throw new WeirException(ErrorCode.DATATYPE_MISMATCH, "Column '" + column.name() + "' of table '"
                        + table + "' takes the row kind (+I, -U, +U, -D), which the engine fills: declare it as "
                        + column.name() + " STRING METADATA FROM 'row_kind' VIRTUAL");
            }
        }
    }

    private static DataType expressionType(Planner typing, TableDefinition table, String expression, String what) {
        try {
            return typing.expressionType(table, expression, expression);
        } catch (WeirException e) {
            throw new WeirException(e.code(), "Invalid " + what + " of table '" + table.name() + "': " + e.getMessage());
        }
    }

    private static TableDefinition.Watermark watermark(String table, SqlWatermark clause, List<Column> columns,
            Planner typing, TableDefinition physicalOnly) {
        String columnName = clause.columnName();
        Column column = columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst()
                .orElseThrow(() -> new WeirException(ErrorCode.UNDEFINED_COLUMN, "The watermark of table '" + table
                        + "' is on column '" + columnName + "', which the table does not have"));
        if (!isTimestamp(column.type())) {
            throw new WeirException(ErrorCode.DATATYPE_MISMATCH, "The watermark column '" + column.name()
                    + "' of table '" + table + "' must be TIMESTAMP(3) or TIMESTAMP_LTZ(3), not " + column.type());
        }
        String expression = WeirSqlWriters.unparse(clause.expression());
        if (column instanceof Column.Physical) {
            DataType type = expressionType(typing, physicalOnly, expression, "watermark");
            if (!isTimestamp(type)) {
                throw new WeirException(ErrorCode.DATATYPE_MISMATCH, "The watermark expression of table '" + table
                        + "' must return TIMESTAMP(3) or TIMESTAMP_LTZ(3), not " + type);
            }
        }
        return new TableDefinition.Watermark(column.name(), expression);
    }

    private static boolean isTimestamp(DataType type) {
        return type.kind() == TypeKind.TIMESTAMP || type.kind() == TypeKind.TIMESTAMP_LTZ;
    }

    private static List<String> checkColumns(String table, String clause, List<String> names, List<Column> columns) {
        List<String> resolved = new ArrayList<>();
        for (String name : names) {
            Column column = columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new WeirException(ErrorCode.UNDEFINED_COLUMN, clause + " of table '" + table
                            + "' names column '" + name + "', which the table does not have"));
            resolved.add(column.name());
        }
        return resolved;
    }
}

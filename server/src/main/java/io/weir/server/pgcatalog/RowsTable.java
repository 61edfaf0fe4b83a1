package io.weir.server.pgcatalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** A catalog table: fixed columns and rows computed when the query was planned. Immutable. */
final class RowsTable extends AbstractTable implements ScannableTable {
    /** One column: its PostgreSQL name and the SQL type it is read as; {@code element} is the type of an ARRAY's elements. */
    record Column(String name, SqlTypeName type, SqlTypeName element) {
    }

    private final List<Column> columns;
    private final List<Object[]> rows;

    RowsTable(List<Column> columns, List<Object[]> rows) {
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.rows = List.copyOf(requireNonNull(rows, "rows is null"));
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("a row of " + row.length + " values for " + columns.size() + " columns");
            }
        }
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (Column column : columns) {
            RelDataType type = column.type() == SqlTypeName.ARRAY
                    ? typeFactory.createArrayType(typeFactory.createSqlType(column.element()), -1)
                    : typeFactory.createSqlType(column.type());
            builder.add(column.name(), typeFactory.createTypeWithNullability(type, true));
        }
        return builder.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        return Linq4j.asEnumerable(rows);
    }
}

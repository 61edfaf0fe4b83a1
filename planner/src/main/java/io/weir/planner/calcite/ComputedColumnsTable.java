package io.weir.planner.calcite;

import static java.util.Objects.requireNonNull;

import io.weir.planner.catalog.Column;
import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.type.TypeConverter;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A catalog table with computed columns as a query sees it: a projection over its physical
 * columns that evaluates each {@code name AS expression} in declaration order.
 */
public final class ComputedColumnsTable extends AbstractTable implements TranslatableTable {
    private final TableDefinition definition;

    public ComputedColumnsTable(TableDefinition definition) {
        this.definition = requireNonNull(definition, "definition is null");
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeConverter.toRelDataType(typeFactory,
                io.weir.spi.type.DataType.row(definition.rowType().fields()).withNullable(false));
    }

    /** The query that computes the table's visible columns from its physical ones. */
    public static String expansionQuery(TableDefinition definition) {
        String select = definition.columns().stream().map(ComputedColumnsTable::selectItem)
                .collect(Collectors.joining(", "));
        // metadata columns are read with the physical ones: through the schema whose tables have both
        String schema = definition.metadataKeys().isEmpty() ? CatalogSchema.PHYSICAL_NAME : CatalogSchema.SOURCE_NAME;
        return "SELECT " + select + " FROM `" + schema + "`.`" + definition.name() + "`";
    }

    private static String selectItem(Column column) {
        if (column instanceof Column.Computed computed) {
            return "(" + computed.expression() + ") AS `" + column.name() + "`";
        }
        return "`" + column.name() + "`";
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return context.expandView(relOptTable.getRowType(), expansionQuery(definition),
                List.of(CatalogSchema.NAME), List.of(definition.name())).project();
    }
}

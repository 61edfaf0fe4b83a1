package io.weir.planner.calcite;

import static java.util.Objects.requireNonNull;

import io.weir.planner.catalog.ViewDefinition;
import io.weir.planner.type.TypeConverter;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A view: its query is parsed, validated and inlined wherever the view is read. Every view is a
 * {@link SnapshotTable} to Calcite's validator, so that {@code FOR SYSTEM_TIME AS OF} a view validates;
 * the planner then accepts only a versioned view (a deduplication keeping each key's latest row by its
 * time attribute, see {@code physical.VersionedViews}) and refuses any other naming the view.
 */
public final class ViewTable extends AbstractTable implements TranslatableTable, SnapshotTable {
    private final ViewDefinition definition;

    public ViewTable(ViewDefinition definition) {
        this.definition = requireNonNull(definition, "definition is null");
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeConverter.toRelDataType(typeFactory,
                io.weir.spi.type.DataType.row(definition.rowType().fields()).withNullable(false));
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return context.expandView(relOptTable.getRowType(), definition.query(), List.of(CatalogSchema.NAME),
                List.of(definition.name())).project();
    }
}

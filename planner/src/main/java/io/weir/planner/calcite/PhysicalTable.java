package io.weir.planner.calcite;

import static java.util.Objects.requireNonNull;

import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.type.TypeConverter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/** The physical columns of a catalog table; a scan of it becomes a source vertex. */
public final class PhysicalTable extends AbstractTable {
    private final TableDefinition definition;

    public PhysicalTable(TableDefinition definition) {
        this.definition = requireNonNull(definition, "definition is null");
    }

    public TableDefinition definition() {
        return definition;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeConverter.toRelDataType(typeFactory, rowTypeAsRow());
    }

    private io.weir.spi.type.DataType rowTypeAsRow() {
        return io.weir.spi.type.DataType.row(definition.physicalRowType().fields()).withNullable(false);
    }
}

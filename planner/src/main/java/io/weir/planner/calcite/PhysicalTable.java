package io.weir.planner.calcite;

import static java.util.Objects.requireNonNull;

import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.type.TypeConverter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The physical columns of a catalog table; a scan of it becomes a source vertex. Every table is a
 * {@link TemporalTable} to Calcite's validator, so that {@code FOR SYSTEM_TIME AS OF} validates; the
 * planner then accepts such a snapshot only as the lookup side of a processing-time join of a
 * connector that supports lookups ({@code physical.LookupJoins}).
 */
public final class PhysicalTable extends AbstractTable implements TemporalTable {
    private final TableDefinition definition;

    public PhysicalTable(TableDefinition definition) {
        this.definition = requireNonNull(definition, "definition is null");
    }

    /** No system-time columns: Weir's temporal tables are looked up at processing time. */
    @Override
    public String getSysStartFieldName() {
        return "$sys_start";
    }

    @Override
    public String getSysEndFieldName() {
        return "$sys_end";
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

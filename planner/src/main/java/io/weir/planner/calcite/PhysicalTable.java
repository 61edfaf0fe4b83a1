package io.weir.planner.calcite;

import static java.util.Objects.requireNonNull;

import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.type.TypeConverter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The physical columns of a catalog table (an INSERT target), or what its connector reads (the
 * physical columns, then the metadata columns); a scan of it becomes a source vertex. Every table is
 * a {@link SnapshotTable} to Calcite's validator, so that {@code FOR SYSTEM_TIME AS OF} validates;
 * the planner then accepts such a snapshot only as the lookup side of a processing-time join of a
 * connector that supports lookups ({@code physical.LookupJoins}) or as the versioned side of an
 * event-time temporal join ({@code physical.TemporalJoins}).
 */
public final class PhysicalTable extends AbstractTable implements SnapshotTable {
    private final TableDefinition definition;
    private final boolean withMetadata;

    public PhysicalTable(TableDefinition definition) {
        this(definition, false);
    }

    public PhysicalTable(TableDefinition definition, boolean withMetadata) {
        this.definition = requireNonNull(definition, "definition is null");
        this.withMetadata = withMetadata;
    }

    /** The columns a scan of this table reads from the connector. */
    public io.weir.spi.type.RowType rowType() {
        return withMetadata ? definition.sourceRowType() : definition.physicalRowType();
    }

    /** The metadata keys the reader appends after the physical columns (empty when not {@code withMetadata}). */
    public java.util.List<String> metadataKeys() {
        return withMetadata ? definition.metadataKeys() : java.util.List.of();
    }

    public TableDefinition definition() {
        return definition;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeConverter.toRelDataType(typeFactory, rowTypeAsRow());
    }

    private io.weir.spi.type.DataType rowTypeAsRow() {
        return io.weir.spi.type.DataType.row(rowType().fields()).withNullable(false);
    }
}

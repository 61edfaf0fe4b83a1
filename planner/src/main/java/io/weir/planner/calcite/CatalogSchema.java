package io.weir.planner.calcite;

import static java.util.Objects.requireNonNull;

import io.weir.planner.catalog.Catalog;
import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.catalog.ViewDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Shows the catalog to Calcite's validator as a schema: tables with only physical columns are
 * scanned directly, tables with computed columns and views are expanded into queries.
 * {@link #physical()} is the hidden schema of the tables' physical columns that those expansions
 * (and INSERT targets) refer to; {@link #source()} is the hidden schema of what a scan reads from the
 * connector: the physical columns followed by the metadata columns.
 */
public final class CatalogSchema extends AbstractSchema {
    public static final String NAME = "weir";
    public static final String PHYSICAL_NAME = "$physical";
    public static final String SOURCE_NAME = "$source";

    private final Catalog catalog;
    private final boolean physicalOnly;
    private final boolean withMetadata;

    private CatalogSchema(Catalog catalog, boolean physicalOnly) {
        this(catalog, physicalOnly, false);
    }

    private CatalogSchema(Catalog catalog, boolean physicalOnly, boolean withMetadata) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.physicalOnly = physicalOnly;
        this.withMetadata = withMetadata;
    }

    /** The tables as their connectors read them: physical columns, then metadata columns. */
    public static CatalogSchema source(Catalog catalog) {
        return new CatalogSchema(catalog, true, true);
    }

    public static CatalogSchema visible(Catalog catalog) {
        return new CatalogSchema(catalog, false);
    }

    public static CatalogSchema physical(Catalog catalog) {
        return new CatalogSchema(catalog, true);
    }

    @Override
    protected Map<String, Table> getTableMap() {
        Map<String, Table> map = new LinkedHashMap<>();
        for (TableDefinition table : catalog.tables()) {
            if (physicalOnly || table.hasOnlyPhysicalColumns()) {
                map.put(table.name(), new PhysicalTable(table, withMetadata));
            } else {
                map.put(table.name(), new ComputedColumnsTable(table));
            }
        }
        if (!physicalOnly) {
            for (ViewDefinition view : catalog.views()) {
                map.put(view.name(), new ViewTable(view));
            }
        }
        return map;
    }

    @Override
    public boolean isMutable() {
        return false;
    }
}

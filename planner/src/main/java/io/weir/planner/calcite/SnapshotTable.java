package io.weir.planner.calcite;

import org.apache.calcite.schema.TemporalTable;

/**
 * A table that Calcite's validator accepts after {@code FOR SYSTEM_TIME AS OF}. Weir's tables have no
 * system-time period columns, so the names here stand for none; what a snapshot reads (a lookup at
 * processing time, versions by event time) is the planner's decision, made on the converted plan.
 */
interface SnapshotTable extends TemporalTable {
    @Override
    default String getSysStartFieldName() {
        return "$sys_start";
    }

    @Override
    default String getSysEndFieldName() {
        return "$sys_end";
    }
}

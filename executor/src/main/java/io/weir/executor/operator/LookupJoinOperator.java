package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ConnectorRegistry;
import io.weir.executor.internal.Batches;
import io.weir.executor.plan.LookupJoinSpec;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.LookupSource;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link LookupJoinSpec}: for each probe batch, the distinct non-null keys go to the
 * table's {@link LookupSource} in one call (the source batches and caches them), then every probe
 * row is emitted once per matching row, or once with nulls when the join is LEFT and nothing
 * matched. Stateless between batches, so nothing to checkpoint: a replayed probe row is looked up
 * again. A changelog input keeps its row kinds: each change is looked up and emitted with its kind,
 * the kind column last. Output batches hold at most the task's batch size of rows. Single-threaded.
 */
public final class LookupJoinOperator implements Operator {
    private final LookupJoinSpec spec;
    private final LookupSource source;
    private final RowType outputType;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final int[] probeKeys;
    private final boolean changelog;
    private VectorSchemaRoot pending;
    private int pendingRows;

    private LookupJoinOperator(LookupJoinSpec spec, LookupSource source, TaskContext context, Output output) {
        this.spec = spec;
        this.source = source;
        this.outputType = context.outputType();
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.probeKeys = spec.probeKeys().stream().mapToInt(Integer::intValue).toArray();
        this.changelog = RowKind.isChangelog(outputType);
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            int rows = batch.getRowCount();
            if (rows == 0) {
                return;
            }
            List<Object>[] keys = keys(batch);
            Set<List<Object>> distinct = new LinkedHashSet<>();
            for (List<Object> key : keys) {
                if (key != null) {
                    distinct.add(key);
                }
            }
            Map<List<Object>, List<Object[]>> found = distinct.isEmpty() ? Map.of() : source.lookup(distinct);
            // a changelog's row kind stays the last column, after the table's
            int probeColumns = changelog ? batch.getFieldVectors().size() - 1 : batch.getFieldVectors().size();
            for (int row = 0; row < rows; row++) {
                List<Object[]> matches = keys[row] == null ? null : found.get(keys[row]);
                if (matches != null && !matches.isEmpty()) {
                    for (Object[] match : matches) {
                        append(batch, row, probeColumns, match);
                    }
                } else if (spec.leftOuter()) {
                    append(batch, row, probeColumns, null);
                }
            }
        } finally {
            batch.close();
        }
        emitPending();
    }

    @SuppressWarnings("unchecked")
    private List<Object>[] keys(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        List<Object>[] keys = new List[rows];
        for (int row = 0; row < rows; row++) {
            Object[] key = new Object[probeKeys.length];
            boolean hasNull = false;
            for (int i = 0; i < key.length; i++) {
                key[i] = BatchValues.get(batch.getVector(probeKeys[i]), row);
                hasNull |= key[i] == null;
            }
            keys[row] = hasNull ? null : Arrays.asList(key);
        }
        return keys;
    }

    /** Adds one output row: probe row {@code row} and the table's {@code match} (null: nulls). */
    private void append(VectorSchemaRoot probe, int row, int probeColumns, Object[] match) {
        if (pending == null) {
            pending = Batches.allocate(outputType, allocator, batchSize);
            pendingRows = 0;
        }
        List<FieldVector> out = pending.getFieldVectors();
        for (int column = 0; column < probeColumns; column++) {
            BatchValues.set(out.get(column), pendingRows, BatchValues.get(probe.getVector(column), row));
        }
        for (int column = 0; column < spec.tableSchema().size(); column++) {
            BatchValues.set(out.get(probeColumns + column), pendingRows, match == null ? null : match[column]);
        }
        if (changelog) {
            BatchValues.set(out.get(out.size() - 1), pendingRows, BatchValues.get(probe.getVector(probeColumns), row));
        }
        pendingRows++;
        if (pendingRows >= batchSize) {
            emitPending();
        }
    }

    private void emitPending() {
        if (pending == null) {
            return;
        }
        VectorSchemaRoot batch = pending;
        pending = null;
        if (pendingRows == 0) {
            batch.close();
            return;
        }
        batch.setRowCount(pendingRows);
        output.emit(batch);
    }

    @Override
    public void finish() {
        emitPending();
        output.finish();
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        source.close();
    }

    /** Checks the table once per job; each subtask opens its own lookup source (connection, cache). */
    public static final class LookupJoinOperatorFactory implements OperatorFactory {
        private final LookupJoinSpec spec;
        private final TableFactory factory;
        private final TableContext context;

        public LookupJoinOperatorFactory(LookupJoinSpec spec, ConnectorRegistry connectors) {
            this.spec = requireNonNull(spec, "spec is null");
            Map<String, String> options = new HashMap<>(spec.options());
            options.putIfAbsent("connector", spec.connector());
            this.factory = connectors.get(options.get("connector"));
            if (!factory.supportsLookup()) {
                throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Connector '" + factory.identifier()
                        + "' does not support lookup joins (table '" + spec.tableName() + "')");
            }
            this.context = connectors.context(spec.tableName(), spec.tableSchema(), options, List.of());
        }

        @Override
        public Operator create(TaskContext taskContext, Output output) {
            LookupSource source = factory.createLookupSource(context, spec.lookupKeys());
            return new LookupJoinOperator(spec, source, taskContext, output);
        }
    }
}

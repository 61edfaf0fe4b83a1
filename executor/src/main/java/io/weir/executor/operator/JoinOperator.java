package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.internal.Batches;
import io.weir.executor.plan.JoinSpec;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Hash join over bounded input. Buffers the batches of both inputs; when both have ended, builds a hash
 * table of the right input's keys ({@link GroupTable}: keys encoded once as bytes, rows chained per
 * key), then probes it with each left batch. Candidate pairs are materialized in chunks of the batch
 * size as joined rows, the residual condition (compiled once per job) is evaluated over them, and the
 * rows that pass are emitted. Unmatched rows of an outer join are emitted padded with NULLs: left ones
 * after each probe batch, right ones at the end.
 *
 * <p>A key that is NULL never matches (unless that key is null-safe). Single-threaded, like every
 * operator.
 */
public final class JoinOperator implements Operator {
    private final JoinSpec spec;
    private final CalcProgram condition;
    private final RowType joinedType;
    private final RowType outputType;
    private final int leftWidth;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final List<VectorSchemaRoot> left = new ArrayList<>();
    private final List<VectorSchemaRoot> right = new ArrayList<>();
    private final GroupTable table;
    private final int[] leftKeys;
    private final int[] rightKeys;
    // build rows by id: their batch and row, the next row of the same key, whether any left row matched
    private int[] buildBatch = new int[0];
    private int[] buildRow = new int[0];
    private int[] next = new int[0];
    private boolean[] buildMatched = new boolean[0];
    private int[] head = new int[0];
    private final Pairs pairs;

    /** A chunk of candidate pairs: left batch and row, right row id (-1: NULL padding on that side). */
    private static final class Pairs {
        final int[] leftBatch;
        final int[] leftRow;
        final int[] rightId;
        int size;

        Pairs(int capacity) {
            leftBatch = new int[capacity];
            leftRow = new int[capacity];
            rightId = new int[capacity];
        }

        boolean full() {
            return size == leftBatch.length;
        }

        void add(int batch, int row, int id) {
            leftBatch[size] = batch;
            leftRow[size] = row;
            rightId[size] = id;
            size++;
        }
    }

    private JoinOperator(JoinSpec spec, CalcProgram condition, RowType joinedType, TaskContext context,
            Output output) {
        this.spec = spec;
        this.condition = condition;
        this.joinedType = joinedType;
        this.outputType = context.outputType();
        this.leftWidth = context.inputTypes().get(0).size();
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.leftKeys = spec.leftKeys().stream().mapToInt(Integer::intValue).toArray();
        this.rightKeys = spec.rightKeys().stream().mapToInt(Integer::intValue).toArray();
        this.table = new GroupTable(rightKeys);
        this.pairs = new Pairs(batchSize);
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        if (batch.getRowCount() == 0) {
            batch.close();
            return;
        }
        (input == 0 ? left : right).add(batch);
    }

    @Override
    public void finish() {
        build();
        for (int b = 0; b < left.size(); b++) {
            probe(b);
            left.get(b).close();
            left.set(b, null);
        }
        if (spec.joinType().padsRight()) {
            emitUnmatchedRight();
        }
        release();
        output.finish();
    }

    private void build() {
        int total = right.stream().mapToInt(VectorSchemaRoot::getRowCount).sum();
        buildBatch = new int[total];
        buildRow = new int[total];
        next = new int[total];
        buildMatched = new boolean[total];
        int id = 0;
        int[] groups = new int[0];
        for (int b = 0; b < right.size(); b++) {
            VectorSchemaRoot batch = right.get(b);
            int rows = batch.getRowCount();
            groups = groups.length < rows ? new int[rows] : groups;
            table.lookup(batch, null, groups, null);
            if (head.length < table.groupCount()) {
                int old = head.length;
                head = Arrays.copyOf(head, Math.max(table.groupCount(), old * 2));
                Arrays.fill(head, old, head.length, -1);
            }
            boolean[] hasNull = nullKeys(batch, rightKeys);
            for (int r = 0; r < rows; r++, id++) {
                buildBatch[id] = b;
                buildRow[id] = r;
                next[id] = -1;
                if (!hasNull[r]) {
                    next[id] = head[groups[r]];
                    head[groups[r]] = id;
                }
            }
        }
    }

    /** Rows with a NULL in a key that is not null-safe: they match nothing. */
    private boolean[] nullKeys(VectorSchemaRoot batch, int[] keys) {
        boolean[] result = new boolean[batch.getRowCount()];
        for (int k = 0; k < keys.length; k++) {
            if (spec.nullSafe().get(k)) {
                continue;
            }
            FieldVector vector = batch.getVector(keys[k]);
            for (int r = 0; r < result.length; r++) {
                result[r] |= vector.isNull(r);
            }
        }
        return result;
    }

    private void probe(int b) {
        VectorSchemaRoot batch = left.get(b);
        int rows = batch.getRowCount();
        int[] groups = new int[rows];
        table.lookup(batch, leftKeys, groups);
        boolean[] hasNull = nullKeys(batch, leftKeys);
        boolean[] matched = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            if (hasNull[r] || groups[r] >= head.length) {
                continue;
            }
            for (int id = head[groups[r]]; id >= 0; id = next[id]) {
                pairs.add(b, r, id);
                if (pairs.full()) {
                    flush(matched);
                }
            }
        }
        flush(matched);
        JoinType type = spec.joinType();
        if (type.padsLeft() || type == JoinType.ANTI || type == JoinType.SEMI) {
            boolean wanted = type == JoinType.SEMI;
            for (int r = 0; r < rows; r++) {
                if (matched[r] == wanted) {
                    pairs.add(b, r, -1);
                    if (pairs.full()) {
                        emitPairs();
                    }
                }
            }
            emitPairs();
        }
    }

    /** Evaluates the chunk of candidate pairs, marks matches and emits the joined rows that pass. */
    private void flush(boolean[] matched) {
        if (pairs.size == 0) {
            return;
        }
        boolean projects = spec.joinType().projectsRight();
        if (condition == null && !projects) {
            markAll(matched);
            return;
        }
        VectorSchemaRoot joined = materialize(projects ? outputType : joinedType, true);
        try {
            boolean[] pass = evaluate(joined);
            int kept = 0;
            for (int i = 0; i < pairs.size; i++) {
                if (pass == null || pass[i]) {
                    matched[pairs.leftRow[i]] = true;
                    buildMatched[pairs.rightId[i]] = true;
                    pairs.leftBatch[kept] = pairs.leftBatch[i];
                    pairs.leftRow[kept] = pairs.leftRow[i];
                    pairs.rightId[kept] = pairs.rightId[i];
                    kept++;
                }
            }
            if (!projects) {
                pairs.size = 0;
                return;
            }
            if (kept == pairs.size) {
                pairs.size = 0;
                VectorSchemaRoot result = joined;
                joined = null;
                output.emit(result);
                return;
            }
            pairs.size = kept;
        } finally {
            if (joined != null) {
                joined.close();
            }
        }
        emitPairs();
    }

    private void markAll(boolean[] matched) {
        for (int i = 0; i < pairs.size; i++) {
            matched[pairs.leftRow[i]] = true;
            buildMatched[pairs.rightId[i]] = true;
        }
        pairs.size = 0;
    }

    private boolean[] evaluate(VectorSchemaRoot joined) {
        if (condition == null) {
            return null;
        }
        RowType flagType = new RowType(List.of(new Field("flag", DataType.of(TypeKind.BOOLEAN))));
        try (VectorSchemaRoot flags = Batches.allocate(flagType, allocator, joined.getRowCount())) {
            condition.evaluate(joined, flags);
            BitVector vector = (BitVector) flags.getVector(0);
            boolean[] pass = new boolean[joined.getRowCount()];
            for (int i = 0; i < pass.length; i++) {
                pass[i] = !vector.isNull(i) && vector.get(i) == 1;
            }
            return pass;
        }
    }

    private void emitPairs() {
        if (pairs.size == 0) {
            return;
        }
        VectorSchemaRoot result = materialize(outputType, spec.joinType().projectsRight());
        pairs.size = 0;
        output.emit(result);
    }

    private void emitUnmatchedRight() {
        for (int id = 0; id < buildMatched.length; id++) {
            if (!buildMatched[id]) {
                pairs.add(-1, -1, id);
                if (pairs.full()) {
                    emitPairs();
                }
            }
        }
        emitPairs();
    }

    /** The current pairs as rows of {@code type}: left columns, then (if {@code withRight}) right ones. */
    private VectorSchemaRoot materialize(RowType type, boolean withRight) {
        int rows = pairs.size;
        VectorSchemaRoot out = Batches.allocate(type, allocator, rows);
        try {
            for (int c = 0; c < leftWidth; c++) {
                FieldVector target = out.getVector(c);
                for (int i = 0; i < rows; i++) {
                    if (pairs.leftBatch[i] < 0) {
                        target.setNull(i);
                    } else {
                        target.copyFromSafe(pairs.leftRow[i], i, left.get(pairs.leftBatch[i]).getVector(c));
                    }
                }
            }
            for (int c = 0; withRight && c < type.size() - leftWidth; c++) {
                FieldVector target = out.getVector(leftWidth + c);
                for (int i = 0; i < rows; i++) {
                    int id = pairs.rightId[i];
                    if (id < 0) {
                        target.setNull(i);
                    } else {
                        target.copyFromSafe(buildRow[id], i, right.get(buildBatch[id]).getVector(c));
                    }
                }
            }
            out.setRowCount(rows);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private void release() {
        for (VectorSchemaRoot batch : left) {
            if (batch != null) {
                batch.close();
            }
        }
        left.clear();
        right.forEach(VectorSchemaRoot::close);
        right.clear();
    }

    @Override
    public void close() {
        release();
    }

    /** Compiles the residual condition once per job over the joined row type. */
    public static final class JoinOperatorFactory implements OperatorFactory {
        private final JoinSpec spec;
        private final RowType joinedType;
        private final Class<? extends CalcProgram> conditionClass;

        public JoinOperatorFactory(JoinSpec spec, RowType leftType, RowType rightType) {
            this.spec = requireNonNull(spec, "spec is null");
            List<Field> fields = new ArrayList<>();
            boolean nullableLeft = spec.joinType().padsRight();
            boolean nullableRight = spec.joinType().padsLeft();
            for (Field field : leftType.fields()) {
                fields.add(nullableLeft ? new Field(field.name(), field.type().withNullable(true)) : field);
            }
            for (Field field : rightType.fields()) {
                fields.add(nullableRight ? new Field(field.name(), field.type().withNullable(true)) : field);
            }
            this.joinedType = new RowType(fields);
            RowType flagType = new RowType(List.of(new Field("flag", DataType.of(TypeKind.BOOLEAN))));
            this.conditionClass = spec.condition() == null ? null
                    : CalcCompiler.compile(joinedType, List.of(spec.condition()), null, flagType);
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            CalcProgram condition = conditionClass == null ? null : CalcCompiler.instantiate(conditionClass);
            return new JoinOperator(spec, condition, joinedType, context, output);
        }
    }
}

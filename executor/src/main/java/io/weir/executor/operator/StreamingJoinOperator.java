package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.internal.Batches;
import io.weir.executor.internal.KeyGroups;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.executor.plan.StreamingJoinSpec;
import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.MapState;
import io.weir.executor.state.StateCodec;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link StreamingJoinSpec}. Per side, state maps a join key to the side's current rows (a
 * multiset: identical rows are counted) and, for the side whose unmatched rows matter (outer, SEMI,
 * ANTI), how many rows of the other side each row matches. An input row is joined with the other
 * side's rows under its key: the candidate pairs of a batch are materialized together and the
 * residual condition (compiled once per job) is evaluated over them at once; then the rows are
 * applied to state one by one, in input order, emitting the joined changes. Rows are held as value
 * arrays in the {@link BatchValues} convention.
 *
 * <p>State: one map state per side ({@code left-rows}, {@code right-rows}) in the job's state backend
 * (heap or RocksDB), under the join key and its key group, from each stored row to its copy and match
 * counts; under a state TTL each stored row expires on its own ({@link StateTtl}). The other side's
 * rows of a key are read once per batch. The backend is closed with the operator.
 */
public final class StreamingJoinOperator implements Operator, CheckpointedOperator {
    private final StreamingJoinSpec spec;
    private final JoinType type;
    private final CalcProgram condition;
    private final RowType joinedType;
    private final RowType outputType;
    private final int leftWidth;
    private final int rightWidth;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Output output;
    private final KeyedStateBackend backend;
    private final BackendCheckpoints checkpoints;
    private final StateTtl ttl;
    private final List<MapState<StoredRow, Entry>> state;
    private VectorSchemaRoot pending;
    private int pendingRows;

    /** A stored row: how many identical copies there are, and how many other-side rows it matches. */
    private static final class Entry {
        long copies;
        long matches;
    }

    /** An entry as its two counts. */
    private static final StateCodec<Entry> ENTRY = new StateCodec<>() {
        @Override
        public byte[] encode(Entry entry) {
            return ByteBuffer.allocate(16).putLong(entry.copies).putLong(entry.matches).array();
        }

        @Override
        public Entry decode(byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            Entry entry = new Entry();
            entry.copies = buffer.getLong();
            entry.matches = buffer.getLong();
            return entry;
        }
    };

    /** A stored row of the other side that an input row's key matches, with its (shared, live) entry. */
    private record Match(StoredRow row, Entry entry) {
    }

    private StreamingJoinOperator(StreamingJoinSpec spec, CalcProgram condition, RowType joinedType,
            TaskContext context, Output output) {
        this.spec = spec;
        this.type = spec.join().joinType();
        this.condition = condition;
        this.joinedType = joinedType;
        this.outputType = context.outputType();
        this.leftWidth = width(context.inputTypes().get(0), spec.leftChangelog());
        this.rightWidth = width(context.inputTypes().get(1), spec.rightChangelog());
        this.allocator = context.allocator();
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.backend = context.newStateBackend();
        this.checkpoints = new BackendCheckpoints(backend);
        this.ttl = new StateTtl(backend, spec.stateTtlMillis(), context.clock());
        this.state = List.of(ttl.mapState("left-rows", StoredRow.CODEC, ENTRY),
                ttl.mapState("right-rows", StoredRow.CODEC, ENTRY));
    }

    private static int width(RowType type, boolean changelog) {
        return changelog ? type.size() - 1 : type.size();
    }

    /**
     * One input row with its kind, its join key (null: matches nothing) with the key's bytes and key
     * group, and the other-side rows its key and condition match.
     */
    private record Change(Object[] row, boolean accumulate, List<Object> key, byte[] keyBytes, int keyGroup,
            List<Match> matches) {
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        List<Change> changes;
        try {
            changes = read(input, batch);
        } finally {
            batch.close();
        }
        filterByCondition(input, changes);
        for (Change change : changes) {
            apply(input, change);
        }
        flush();
    }

    private List<Change> read(int input, VectorSchemaRoot batch) {
        int width = input == 0 ? leftWidth : rightWidth;
        boolean changelog = input == 0 ? spec.leftChangelog() : spec.rightChangelog();
        List<Integer> keys = input == 0 ? spec.join().leftKeys() : spec.join().rightKeys();
        MapState<StoredRow, Entry> other = state.get(1 - input);
        int[] keyGroups = KeyGroups.keyGroups(batch, keys);
        // the other side does not change while this side's batch is applied (but for match counts,
        // which go through the shared entries), so each key's rows are read once per batch
        Map<List<Object>, List<Match>> candidatesByKey = new HashMap<>();
        List<Change> changes = new ArrayList<>(batch.getRowCount());
        for (int r = 0; r < batch.getRowCount(); r++) {
            Object[] row = new Object[width];
            for (int c = 0; c < width; c++) {
                row[c] = BatchValues.get(batch.getVector(c), r);
            }
            boolean accumulate = !changelog
                    || RowKind.fromByteValue((Byte) BatchValues.get(batch.getVector(width), r)).isAccumulate();
            List<Object> key = key(row, keys);
            byte[] keyBytes = key == null ? null : KeyCodec.INSTANCE.encode(key);
            int keyGroup = keyGroups[r];
            List<Match> matches = new ArrayList<>();
            if (key != null) {
                matches.addAll(candidatesByKey.computeIfAbsent(key, k -> {
                    backend.setCurrentKey(keyGroup, keyBytes);
                    List<Match> candidates = new ArrayList<>();
                    for (Map.Entry<StoredRow, Entry> stored : other.entries()) {
                        candidates.add(new Match(stored.getKey(), stored.getValue()));
                    }
                    return candidates;
                }));
            }
            changes.add(new Change(row, accumulate, key, keyBytes, keyGroup, matches));
        }
        return changes;
    }

    /** The join key with hashable values, or null when a key that is not null-safe is NULL (matches nothing). */
    private List<Object> key(Object[] row, List<Integer> keys) {
        Object[] key = new Object[keys.size()];
        for (int i = 0; i < key.length; i++) {
            Object value = row[keys.get(i)];
            if (value == null && !spec.join().nullSafe().get(i)) {
                return null;
            }
            key[i] = RetractableAccumulators.hashable(value);
        }
        return Arrays.asList(key);
    }

    /** Removes from each change's candidates the pairs the residual condition rejects, all pairs of a batch at once. */
    private void filterByCondition(int input, List<Change> changes) {
        if (condition == null) {
            return;
        }
        int pairs = changes.stream().mapToInt(c -> c.matches().size()).sum();
        if (pairs == 0) {
            return;
        }
        boolean[] pass = new boolean[pairs];
        try (VectorSchemaRoot joined = Batches.allocate(joinedType, allocator, pairs)) {
            int i = 0;
            for (Change change : changes) {
                for (Match match : change.matches()) {
                    Object[] left = input == 0 ? change.row() : match.row().toArray();
                    Object[] right = input == 0 ? match.row().toArray() : change.row();
                    writeJoined(joined, i++, left, right);
                }
            }
            joined.setRowCount(pairs);
            RowType flagType = new RowType(List.of(new Field("flag", DataType.of(TypeKind.BOOLEAN))));
            try (VectorSchemaRoot flags = Batches.allocate(flagType, allocator, pairs)) {
                condition.evaluate(joined, flags);
                BitVector vector = (BitVector) flags.getVector(0);
                for (int p = 0; p < pairs; p++) {
                    pass[p] = !vector.isNull(p) && vector.get(p) != 0;
                }
            }
        }
        int i = 0;
        for (Change change : changes) {
            List<Match> kept = new ArrayList<>();
            for (Match match : change.matches()) {
                if (pass[i++]) {
                    kept.add(match);
                }
            }
            change.matches().clear();
            change.matches().addAll(kept);
        }
    }

    private void writeJoined(VectorSchemaRoot joined, int row, Object[] left, Object[] right) {
        for (int c = 0; c < leftWidth; c++) {
            BatchValues.set(joined.getVector(c), row, unhashable(left == null ? null : left[c]));
        }
        for (int c = 0; c < rightWidth; c++) {
            BatchValues.set(joined.getVector(leftWidth + c), row, unhashable(right == null ? null : right[c]));
        }
    }

    /**
     * Applies one change: updates this side's state, the match counts of the other side's rows, and
     * emits the joined rows (and the padded or semi/anti rows) that change.
     */
    private void apply(int input, Change change) {
        boolean outerHere = input == 0 ? type.padsLeft() : type.padsRight();
        boolean outerThere = input == 0 ? type.padsRight() : type.padsLeft();
        boolean leftOnly = !type.projectsRight();
        StoredRow rowKey = StoredRow.of(change.row());
        if (change.key() != null) {
            backend.setCurrentKey(change.keyGroup(), change.keyBytes());
        }
        long matchCount = 0;
        for (Match match : change.matches()) {
            matchCount += match.entry().copies;
        }
        if (change.accumulate()) {
            store(input, change.key(), rowKey, matchCount);
        } else if (!remove(input, change.key(), rowKey)) {
            return; // a retraction of a row never seen (state expired or lost) is ignored, as Flink does
        }
        RowKind kind = change.accumulate() ? RowKind.INSERT : RowKind.DELETE;
        if (leftOnly) {
            applySemiAnti(input, change, matchCount);
            return;
        }
        for (Match match : change.matches()) {
            Entry there = match.entry();
            long before = there.matches;
            if (outerThere) {
                countMatch(1 - input, match, change.accumulate());
            }
            if (outerThere && change.accumulate() && before == 0) {
                emitPadded(1 - input, match.row().toArray(), there.copies, RowKind.DELETE);
            }
            emitJoined(input, change.row(), match.row().toArray(), there.copies, kind);
            if (outerThere && !change.accumulate() && there.matches == 0) {
                emitPadded(1 - input, match.row().toArray(), there.copies, RowKind.INSERT);
            }
        }
        if (outerHere && matchCount == 0) {
            emitPadded(input, change.row(), 1, kind);
        }
    }

    /** SEMI/ANTI: a left row is in the output while it has (SEMI) or lacks (ANTI) matches. */
    private void applySemiAnti(int input, Change change, long matchCount) {
        boolean semi = type == JoinType.SEMI;
        if (input == 0) {
            if ((matchCount > 0) == semi) {
                emitLeftOnly(change.row(), 1, change.accumulate() ? RowKind.INSERT : RowKind.DELETE);
            }
            return;
        }
        for (Match match : change.matches()) {
            Entry left = match.entry();
            long before = left.matches;
            countMatch(0, match, change.accumulate());
            boolean wasIn = (before > 0) == semi;
            boolean isIn = (left.matches > 0) == semi;
            if (wasIn != isIn) {
                emitLeftOnly(match.row().toArray(), left.copies, isIn ? RowKind.INSERT : RowKind.DELETE);
            }
        }
    }

    /** Whether {@code side}'s rows keep their match counts: only where unmatched rows are emitted (outer, SEMI, ANTI). */
    private boolean countsMatches(int side) {
        return side == 0 ? type.padsLeft() || !type.projectsRight() : type.padsRight();
    }

    /** Counts one match more or less for a stored row of {@code side}, under the current key. */
    private void countMatch(int side, Match match, boolean more) {
        match.entry().matches += more ? 1 : -1;
        state.get(side).put(match.row(), match.entry());
    }

    /** Stores one more copy of {@code row} under the current key (a row whose key is NULL matches nothing, ever: only its own padded output matters). */
    private void store(int input, List<Object> key, StoredRow row, long matchCount) {
        if (key == null) {
            return;
        }
        MapState<StoredRow, Entry> rows = state.get(input);
        Entry entry = rows.get(row);
        if (entry == null) {
            entry = new Entry();
        }
        entry.copies++;
        if (countsMatches(input)) {
            entry.matches = matchCount;
        }
        rows.put(row, entry);
    }

    private boolean remove(int input, List<Object> key, StoredRow row) {
        if (key == null) {
            return true;
        }
        MapState<StoredRow, Entry> rows = state.get(input);
        Entry entry = rows.get(row);
        if (entry == null) {
            return false;
        }
        if (--entry.copies == 0) {
            rows.remove(row);
        } else {
            rows.put(row, entry);
        }
        return true;
    }

    private void emitJoined(int input, Object[] row, Object[] match, long copies, RowKind kind) {
        Object[] left = input == 0 ? row : match;
        Object[] right = input == 0 ? match : row;
        for (long i = 0; i < copies; i++) {
            append(left, right, kind);
        }
    }

    private void emitPadded(int side, Object[] row, long copies, RowKind kind) {
        for (long i = 0; i < copies; i++) {
            append(side == 0 ? row : null, side == 0 ? null : row, kind);
        }
    }

    private void emitLeftOnly(Object[] row, long copies, RowKind kind) {
        for (long i = 0; i < copies; i++) {
            append(row, null, kind);
        }
    }

    private void append(Object[] left, Object[] right, RowKind kind) {
        if (pending == null) {
            pending = Batches.allocate(outputType, allocator, batchSize);
            pendingRows = 0;
        }
        int column = 0;
        for (int c = 0; c < leftWidth; c++) {
            BatchValues.set(pending.getVector(column++), pendingRows, unhashable(left == null ? null : left[c]));
        }
        if (type.projectsRight()) {
            for (int c = 0; c < rightWidth; c++) {
                BatchValues.set(pending.getVector(column++), pendingRows, unhashable(right == null ? null : right[c]));
            }
        }
        if (spec.changelogOutput()) {
            BatchValues.set(pending.getVector(column), pendingRows, kind.toByteValue());
        }
        pendingRows++;
        if (pendingRows >= batchSize) {
            flush();
        }
    }

    private static Object unhashable(Object value) {
        return value instanceof java.nio.ByteBuffer bytes ? bytes.array() : value;
    }

    private void flush() {
        if (pending == null) {
            return;
        }
        VectorSchemaRoot batch = pending;
        pending = null;
        batch.setRowCount(pendingRows);
        output.emit(batch);
    }

    /** The backend's snapshot of both sides' rows (RocksDB: a handle to the instance's files). */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        return checkpoints.snapshot(checkpointId);
    }

    @Override
    public CompletableFuture<Void> snapshotStored(long checkpointId) {
        return checkpoints.stored();
    }

    @Override
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        checkpoints.restore(keyedState, operatorState, Long.MIN_VALUE);
    }

    /** Removes the state that outlived the TTL ({@link StateTtl}); emits nothing. */
    @Override
    public void onProcessingTime(long now) {
        ttl.onProcessingTime(now);
    }

    @Override
    public void finish() {
        flush();
        output.finish();
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        backend.close();
    }

    /** Compiles the residual condition once per job over the joined row (both sides, nullable). */
    public static final class StreamingJoinOperatorFactory implements OperatorFactory {
        private final StreamingJoinSpec spec;
        private final RowType joinedType;
        private final Class<? extends CalcProgram> conditionClass;

        public StreamingJoinOperatorFactory(StreamingJoinSpec spec, RowType leftType, RowType rightType) {
            this.spec = requireNonNull(spec, "spec is null");
            this.joinedType = JoinCondition.joinedType(spec.leftChangelog() ? RowKind.withoutRowKind(leftType) : leftType,
                    spec.rightChangelog() ? RowKind.withoutRowKind(rightType) : rightType);
            this.conditionClass = JoinCondition.compile(spec.join().condition(), joinedType);
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            CalcProgram condition = conditionClass == null ? null : CalcCompiler.instantiate(conditionClass);
            return new StreamingJoinOperator(spec, condition, joinedType, context, output);
        }
    }
}

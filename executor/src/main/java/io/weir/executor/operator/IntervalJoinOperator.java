package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.internal.KeyGroups;
import io.weir.executor.plan.IntervalJoinSpec;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.executor.state.EventTimers;
import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.MapState;
import io.weir.executor.state.StateCodec;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs an {@link IntervalJoinSpec}. Per side, keyed state (under the join key and its key group, in
 * the job's heap or RocksDB backend) maps a row time to the side's rows at that time, each with
 * whether it has matched yet, and an event-time timer per (key, time) fires when the watermark makes
 * those rows unjoinable: a left row at {@code t} can still meet right rows up to {@code t - lower},
 * a right row at {@code t} left rows up to {@code t + upper}; rows of the other side at or behind the
 * watermark never arrive (they are late and dropped), so at that watermark the rows go, and an outer
 * side's unmatched ones leave padded with NULLs.
 *
 * <p>An input batch is read against the other side's state first (its rows only meet the other
 * side, so their order within the batch does not matter); the candidate pairs of the whole batch go
 * through the compiled condition at once; then matched flags and the batch's own rows are stored.
 * Output is insert-only. Single-threaded, as every operator.
 */
public final class IntervalJoinOperator implements Operator, CheckpointedOperator {
    private final IntervalJoinSpec spec;
    private final JoinType type;
    private final JoinCondition condition;
    private final int[] widths;
    private final Output output;
    private final LongAdder lateRows;
    private final KeyedStateBackend backend;
    private final List<MapState<Long, List<Stored>>> rows;
    private final List<EventTimers> expiries;
    private final BackendCheckpoints checkpoints;
    private long watermark = Long.MIN_VALUE;
    private long emittedWatermark = Long.MIN_VALUE;
    private final PendingRows out;

    /** A stored row and whether it has matched a row of the other side. */
    private record Stored(Object[] values, boolean matched) {
    }

    /** A time's rows as one flat {@link KeyCodec} list: per row its matched flag, then its values. */
    private record RowsCodec(int width) implements StateCodec<List<Stored>> {
        @Override
        public byte[] encode(List<Stored> list) {
            List<Object> flat = new ArrayList<>(list.size() * (width + 1));
            for (Stored row : list) {
                flat.add(row.matched());
                flat.addAll(Arrays.asList(row.values()));
            }
            return KeyCodec.INSTANCE.encode(flat);
        }

        @Override
        public List<Stored> decode(byte[] bytes) {
            List<Object> flat = KeyCodec.INSTANCE.decode(bytes);
            List<Stored> list = new ArrayList<>(flat.size() / (width + 1));
            for (int at = 0; at < flat.size(); at += width + 1) {
                Object[] values = flat.subList(at + 1, at + 1 + width).toArray();
                for (int i = 0; i < values.length; i++) {
                    values[i] = JoinCondition.plain(values[i]);
                }
                list.add(new Stored(values, (Boolean) flat.get(at)));
            }
            return list;
        }
    }

    /** An input row with its state address and the other side's stored rows it may match. */
    private record Probe(Object[] row, long time, int keyGroup, byte[] key, List<Candidate> candidates) {
    }

    /** A stored row of the other side, at {@code time}, index {@code index} in that time's list. */
    private record Candidate(long time, int index, Object[] values) {
    }

    private IntervalJoinOperator(IntervalJoinSpec spec, CalcProgram condition, RowType joinedType,
            TaskContext context, Output output) {
        this.spec = spec;
        this.type = spec.join().joinType();
        this.widths = new int[] {context.inputTypes().get(0).size(), context.inputTypes().get(1).size()};
        this.condition = new JoinCondition(condition, joinedType, widths, context.allocator());
        this.output = output;
        this.out = new PendingRows(context, output);
        this.lateRows = context.lateRowsDropped();
        this.backend = context.newStateBackend();
        this.checkpoints = new BackendCheckpoints(backend);
        this.rows = List.of(backend.mapState("left-rows", StateCodec.LONG, new RowsCodec(widths[0])),
                backend.mapState("right-rows", StateCodec.LONG, new RowsCodec(widths[1])));
        this.expiries = List.of(backend.timers("left-expiry"), backend.timers("right-expiry"));
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        List<Probe> probes;
        try {
            probes = read(input, batch);
        } finally {
            batch.close();
        }
        boolean[] pass = evaluate(input, probes);
        int at = 0;
        for (Probe probe : probes) {
            int from = at;
            at += probe.candidates().size();
            apply(input, probe, Arrays.copyOfRange(pass, from, at));
        }
        out.flush();
    }

    /** The batch's rows that are not late, with their candidates; rows that can never match leave at once. */
    private List<Probe> read(int input, VectorSchemaRoot batch) {
        List<Integer> keys = input == 0 ? spec.join().leftKeys() : spec.join().rightKeys();
        int timeColumn = input == 0 ? spec.leftTime() : spec.rightTime();
        int[] keyGroups = KeyGroups.keyGroups(batch, keys);
        List<Probe> probes = new ArrayList<>(batch.getRowCount());
        for (int r = 0; r < batch.getRowCount(); r++) {
            Object[] row = new Object[widths[input]];
            for (int c = 0; c < row.length; c++) {
                row[c] = BatchValues.get(batch.getVector(c), r);
            }
            Object time = row[timeColumn];
            if (time == null || (Long) time <= watermark) {
                lateRows.increment();
                continue;
            }
            List<Object> key = key(row, keys);
            if (key == null) {
                emitPaddedIfOuter(input, row);
                continue;
            }
            byte[] encoded = KeyCodec.INSTANCE.encode(key);
            backend.setCurrentKey(keyGroups[r], encoded);
            probes.add(new Probe(row, (Long) time, keyGroups[r], encoded, candidates(input, (Long) time)));
        }
        return probes;
    }

    /** The other side's stored rows (under the current key) within the bounds of a row at {@code time}. */
    private List<Candidate> candidates(int input, long time) {
        // left - right in [lower, upper]: a left row meets right rows in [t - upper, t - lower], a right one left rows in [t + lower, t + upper]
        long from = input == 0 ? time - spec.upperBound() : time + spec.lowerBound();
        long to = input == 0 ? time - spec.lowerBound() : time + spec.upperBound();
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<Long, List<Stored>> entry : rows.get(1 - input).entries()) {
            long at = entry.getKey();
            if (at < from || at > to) {
                continue;
            }
            List<Stored> list = entry.getValue();
            for (int i = 0; i < list.size(); i++) {
                candidates.add(new Candidate(at, i, list.get(i).values()));
            }
        }
        return candidates;
    }

    /** Whether each candidate pair of the batch satisfies the join condition, in probe order. */
    private boolean[] evaluate(int input, List<Probe> probes) {
        List<Object[]> lefts = new ArrayList<>();
        List<Object[]> rights = new ArrayList<>();
        for (Probe probe : probes) {
            for (Candidate candidate : probe.candidates()) {
                lefts.add(input == 0 ? probe.row() : candidate.values());
                rights.add(input == 0 ? candidate.values() : probe.row());
            }
        }
        return condition.test(lefts, rights);
    }

    /** Emits a probe's joined rows, marks the rows it matched, and stores it while it can still match. */
    private void apply(int input, Probe probe, boolean[] pass) {
        backend.setCurrentKey(probe.keyGroup(), probe.key());
        MapState<Long, List<Stored>> other = rows.get(1 - input);
        boolean matched = false;
        for (int i = 0; i < pass.length; i++) {
            if (!pass[i]) {
                continue;
            }
            matched = true;
            Candidate candidate = probe.candidates().get(i);
            emit(input == 0 ? probe.row() : candidate.values(), input == 0 ? candidate.values() : probe.row());
            List<Stored> list = other.get(candidate.time());
            if (!list.get(candidate.index()).matched()) {
                List<Stored> changed = new ArrayList<>(list);
                changed.set(candidate.index(), new Stored(candidate.values(), true));
                other.put(candidate.time(), changed);
            }
        }
        long expiry = expiry(input, probe.time());
        if (expiry <= watermark) {
            // no row of the other side that could still arrive is in range (a positive lower bound)
            if (!matched) {
                emitPaddedIfOuter(input, probe.row());
            }
            return;
        }
        MapState<Long, List<Stored>> own = rows.get(input);
        List<Stored> list = own.get(probe.time());
        List<Stored> changed = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
        changed.add(new Stored(probe.row(), matched));
        own.put(probe.time(), changed);
        expiries.get(input).register(expiry);
    }

    /** The watermark at which a row of side {@code input} at {@code time} can meet no more rows. */
    private long expiry(int input, long time) {
        return input == 0 ? time - spec.lowerBound() : time + spec.upperBound();
    }

    /**
     * Drops the rows the watermark made unjoinable (emitting an outer side's unmatched ones padded),
     * then forwards the watermark held back by the bounds, so the rows emitted here are not late.
     */
    @Override
    public boolean processWatermark(long newWatermark) {
        if (newWatermark <= watermark) {
            return false;
        }
        watermark = newWatermark;
        for (int side = 0; side < 2; side++) {
            int s = side;
            long offset = side == 0 ? spec.lowerBound() : -spec.upperBound();
            expiries.get(side).fireUpTo(newWatermark, (keyGroup, key, time) -> expire(s, time + offset));
        }
        out.flush();
        long forwarded = newWatermark == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.max(Long.MIN_VALUE + spec.watermarkDelay(), newWatermark) - spec.watermarkDelay();
        if (forwarded > emittedWatermark) {
            emittedWatermark = forwarded;
            output.emitWatermark(forwarded);
        }
        return false;
    }

    private void expire(int side, long time) {
        MapState<Long, List<Stored>> state = rows.get(side);
        List<Stored> list = state.get(time);
        if (list == null) {
            return;
        }
        for (Stored row : list) {
            if (!row.matched()) {
                emitPaddedIfOuter(side, row.values());
            }
        }
        state.remove(time);
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

    private void emitPaddedIfOuter(int side, Object[] row) {
        if (side == 0 ? type.padsLeft() : type.padsRight()) {
            emit(side == 0 ? row : null, side == 0 ? null : row);
        }
    }

    private void emit(Object[] left, Object[] right) {
        JoinCondition.write(out.batch(), out.row(), widths, left, right);
        out.added();
    }

    /** The backend's snapshot (both sides' rows and timers by key group), and the watermark. */
    @Override
    public Map<Integer, byte[]> snapshotState(long checkpointId) {
        return checkpoints.snapshot(checkpointId, watermark);
    }

    @Override
    public CompletableFuture<Void> snapshotStored(long checkpointId) {
        return checkpoints.stored();
    }

    /** Every former subtask's watermark comes back (equal at a barrier): the operator keeps the highest. */
    @Override
    public boolean sharesOperatorState() {
        return true;
    }

    @Override
    public void restoreState(Map<Integer, byte[]> keyedState, List<byte[]> operatorState) {
        watermark = checkpoints.restore(keyedState, operatorState, watermark);
    }

    @Override
    public void finish() {
        out.flush();
        output.finish();
    }

    @Override
    public void close() {
        out.close();
        backend.close();
    }

    /** Compiles the join condition once per job over the joined row (both sides, nullable). */
    public static final class IntervalJoinOperatorFactory implements OperatorFactory {
        private final IntervalJoinSpec spec;
        private final RowType joinedType;
        private final Class<? extends CalcProgram> conditionClass;

        public IntervalJoinOperatorFactory(IntervalJoinSpec spec, RowType leftType, RowType rightType) {
            this.spec = requireNonNull(spec, "spec is null");
            this.joinedType = JoinCondition.joinedType(leftType, rightType);
            this.conditionClass = JoinCondition.compile(spec.join().condition(), joinedType);
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            CalcProgram condition = conditionClass == null ? null : CalcCompiler.instantiate(conditionClass);
            return new IntervalJoinOperator(spec, condition, joinedType, context, output);
        }
    }
}

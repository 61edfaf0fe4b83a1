package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.codegen.CalcProgram;
import io.weir.executor.internal.KeyGroups;
import io.weir.executor.plan.JoinSpec.JoinType;
import io.weir.executor.plan.TemporalJoinSpec;
import io.weir.executor.state.EventTimers;
import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.MapState;
import io.weir.executor.state.StateCodec;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a {@link TemporalJoinSpec}. Keyed state (under the join key and its key group, in the job's
 * heap or RocksDB backend) holds, per key, the probe rows waiting for the watermark (by row time) and
 * the versioned table's versions (by version time, each a row or a delete). An event-time timer per
 * (key, probe time) fires when the watermark reaches that time: no version at or before it can still
 * change (a version arriving later than the watermark only counts for later probe rows), so the rows
 * meet the latest version at or before their time and leave. A timer per (key, version time) then
 * frees the versions older than the one valid at the watermark, and that one too when it is a delete.
 *
 * <p>Versioned input: {@code +I} and {@code +U} are versions valid from their time on, {@code -D} ends
 * the key at its time, {@code -U} is skipped (the {@code +U} after it is the new version). Output is
 * insert-only. Single-threaded, as every operator.
 */
public final class TemporalJoinOperator implements Operator, CheckpointedOperator {
    private static final int PROBE = 0;
    private static final int VERSIONS = 1;

    private final TemporalJoinSpec spec;
    private final boolean leftOuter;
    private final JoinCondition condition;
    /** The probe row's width and the version row's (without its row kind). */
    private final int[] widths;
    private final boolean changelogVersions;
    private final int batchSize;
    private final Output output;
    private final LongAdder lateRows;
    private final KeyedStateBackend backend;
    private final BackendCheckpoints checkpoints;
    private final MapState<Long, List<Object[]>> waiting;
    /** A version: the row, then whether it is live (false: the key was deleted at that time). */
    private final MapState<Long, Object[]> versions;
    private final EventTimers probeTimers;
    private final EventTimers versionTimers;
    /** Probe rows of the current watermark and the versions they met, for one evaluation of the condition. */
    private final List<Object[]> pairedProbes = new ArrayList<>();
    private final List<Object[]> pairedVersions = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;
    private final PendingRows out;

    /** One version as a one-row list of {@link BackendCheckpoints#rows} (its values and the live flag). */
    private record VersionCodec(StateCodec<List<Object[]>> rows) implements StateCodec<Object[]> {
        @Override
        public byte[] encode(Object[] version) {
            return rows.encode(List.<Object[]>of(version));
        }

        @Override
        public Object[] decode(byte[] bytes) {
            return rows.decode(bytes).get(0);
        }
    }

    private TemporalJoinOperator(TemporalJoinSpec spec, CalcProgram condition, RowType joinedType,
            TaskContext context, Output output) {
        this.spec = spec;
        this.leftOuter = spec.join().joinType() == JoinType.LEFT;
        this.changelogVersions = RowKind.isChangelog(context.inputTypes().get(VERSIONS));
        this.widths = new int[] {context.inputTypes().get(PROBE).size(),
            RowKind.withoutRowKind(context.inputTypes().get(VERSIONS)).size()};
        this.condition = new JoinCondition(condition, joinedType, widths, context.allocator());
        this.batchSize = Math.max(1, context.batchSize());
        this.output = output;
        this.out = new PendingRows(context, output);
        this.lateRows = context.lateRowsDropped();
        this.backend = context.newStateBackend();
        this.checkpoints = new BackendCheckpoints(backend);
        this.waiting = backend.mapState("probe-rows", StateCodec.LONG, BackendCheckpoints.rows(widths[PROBE]));
        this.versions = backend.mapState("versions", StateCodec.LONG,
                new VersionCodec(BackendCheckpoints.rows(widths[VERSIONS] + 1)));
        this.probeTimers = backend.timers("probe-due");
        this.versionTimers = backend.timers("version-cleanup");
    }

    @Override
    public void process(int input, VectorSchemaRoot batch) {
        try {
            List<Integer> keys = input == PROBE ? spec.join().leftKeys() : spec.join().rightKeys();
            int[] keyGroups = KeyGroups.keyGroups(batch, keys);
            for (int r = 0; r < batch.getRowCount(); r++) {
                Object[] row = new Object[widths[input]];
                for (int c = 0; c < row.length; c++) {
                    row[c] = BatchValues.get(batch.getVector(c), r);
                }
                if (input == PROBE) {
                    addProbe(row, keyGroups[r]);
                } else {
                    RowKind kind = changelogVersions
                            ? RowKind.fromByteValue((Byte) BatchValues.get(batch.getVector(widths[VERSIONS]), r))
                            : RowKind.INSERT;
                    addVersion(row, kind, keyGroups[r]);
                }
            }
        } finally {
            batch.close();
        }
        out.flush();
    }

    /** Keeps a probe row until the watermark reaches its time; a late one is dropped, one without key leaves at once. */
    private void addProbe(Object[] row, int keyGroup) {
        Object time = row[spec.probeTime()];
        if (time == null || (Long) time <= watermark) {
            lateRows.increment();
            return;
        }
        byte[] key = key(row, spec.join().leftKeys());
        if (key == null) {
            if (leftOuter) {
                emit(row, null);
            }
            return;
        }
        backend.setCurrentKey(keyGroup, key);
        List<Object[]> rows = waiting.get((Long) time);
        List<Object[]> changed = rows == null ? new ArrayList<>(1) : new ArrayList<>(rows);
        changed.add(row);
        waiting.put((Long) time, changed);
        probeTimers.register((Long) time);
    }

    /** Stores a version (or a delete) under its key and time; a row without time or key cannot be one. */
    private void addVersion(Object[] row, RowKind kind, int keyGroup) {
        Object time = row[spec.versionTime()];
        if (kind == RowKind.UPDATE_BEFORE) {
            return;
        }
        byte[] key = key(row, spec.join().rightKeys());
        if (time == null || key == null) {
            lateRows.increment();
            return;
        }
        backend.setCurrentKey(keyGroup, key);
        Object[] version = Arrays.copyOf(row, widths[VERSIONS] + 1);
        version[widths[VERSIONS]] = kind.isAccumulate();
        versions.put((Long) time, version);
        versionTimers.register((Long) time);
    }

    /**
     * Emits the probe rows up to the watermark with the versions valid at their times, then frees the
     * versions no probe row still to come can meet.
     */
    @Override
    public boolean processWatermark(long newWatermark) {
        if (newWatermark <= watermark) {
            return false;
        }
        watermark = newWatermark;
        probeTimers.fireUpTo(newWatermark, (keyGroup, key, time) -> joinWaiting(time));
        emitPairs();
        versionTimers.fireUpTo(newWatermark, (keyGroup, key, time) -> purgeVersions());
        out.flush();
        return true;
    }

    /** The current key's probe rows at {@code time} meet the version valid then. */
    private void joinWaiting(long time) {
        List<Object[]> rows = waiting.get(time);
        if (rows == null) {
            return;
        }
        waiting.remove(time);
        Object[] version = versionAt(time);
        for (Object[] row : rows) {
            if (version != null) {
                pairedProbes.add(row);
                pairedVersions.add(version);
            } else if (leftOuter) {
                emit(row, null);
            }
        }
        if (pairedProbes.size() >= batchSize) {
            emitPairs();
        }
    }

    /** The current key's latest version at or before {@code time}, or null when there is none or it is a delete. */
    private Object[] versionAt(long time) {
        long best = Long.MIN_VALUE;
        Object[] found = null;
        for (Map.Entry<Long, Object[]> entry : versions.entries()) {
            if (entry.getKey() <= time && (found == null || entry.getKey() > best)) {
                best = entry.getKey();
                found = entry.getValue();
            }
        }
        return found == null || !(Boolean) found[widths[VERSIONS]] ? null : found;
    }

    /** Keeps the current key's version valid at the watermark (unless it is a delete) and every later one. */
    private void purgeVersions() {
        List<Long> behind = new ArrayList<>();
        long valid = Long.MIN_VALUE;
        boolean validIsLive = false;
        for (Map.Entry<Long, Object[]> entry : versions.entries()) {
            long time = entry.getKey();
            if (time > watermark) {
                continue;
            }
            behind.add(time);
            if (time >= valid) {
                valid = time;
                validIsLive = (Boolean) entry.getValue()[widths[VERSIONS]];
            }
        }
        for (long time : behind) {
            if (time != valid || !validIsLive) {
                versions.remove(time);
            }
        }
    }

    /** Emits the collected pairs whose version satisfies the condition; a LEFT join pads the others. */
    private void emitPairs() {
        if (pairedProbes.isEmpty()) {
            return;
        }
        boolean[] pass = condition.test(pairedProbes, pairedVersions);
        for (int i = 0; i < pass.length; i++) {
            if (pass[i]) {
                emit(pairedProbes.get(i), pairedVersions.get(i));
            } else if (leftOuter) {
                emit(pairedProbes.get(i), null);
            }
        }
        pairedProbes.clear();
        pairedVersions.clear();
    }

    /** The encoded join key with hashable values, or null when a key that is not null-safe is NULL. */
    private byte[] key(Object[] row, List<Integer> keys) {
        Object[] key = new Object[keys.size()];
        for (int i = 0; i < key.length; i++) {
            Object value = row[keys.get(i)];
            if (value == null && !spec.join().nullSafe().get(i)) {
                return null;
            }
            key[i] = RetractableAccumulators.hashable(value);
        }
        return KeyCodec.INSTANCE.encode(Arrays.asList(key));
    }

    private void emit(Object[] probe, Object[] version) {
        JoinCondition.write(out.batch(), out.row(), widths, probe, version);
        out.added();
    }

    /** The backend's snapshot (waiting rows, versions and timers by key group), and the watermark. */
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
        emitPairs();
        out.flush();
        output.finish();
    }

    @Override
    public void close() {
        out.close();
        backend.close();
    }

    /** Compiles the residual condition once per job over the joined row (both sides, nullable). */
    public static final class TemporalJoinOperatorFactory implements OperatorFactory {
        private final TemporalJoinSpec spec;
        private final RowType joinedType;
        private final Class<? extends CalcProgram> conditionClass;

        /** @param versionType the versioned input's type, with {@code $row_kind} when it is a changelog */
        public TemporalJoinOperatorFactory(TemporalJoinSpec spec, RowType probeType, RowType versionType) {
            this.spec = requireNonNull(spec, "spec is null");
            this.joinedType = JoinCondition.joinedType(probeType, RowKind.withoutRowKind(versionType));
            this.conditionClass = JoinCondition.compile(spec.join().condition(), joinedType);
        }

        @Override
        public Operator create(TaskContext context, Output output) {
            CalcProgram condition = conditionClass == null ? null : CalcCompiler.instantiate(conditionClass);
            return new TemporalJoinOperator(spec, condition, joinedType, context, output);
        }
    }
}

package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.state.KeyCodec;
import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.StateCodec;
import io.weir.executor.state.StateSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The checkpoint side of an operator whose keyed state lives in its {@link KeyedStateBackend}: a
 * snapshot is the backend's (RocksDB: incremental, a handle to the instance's files, uploaded in the
 * background), plus the operator's watermark as {@link CheckpointedOperator#OPERATOR_STATE} when it
 * has one; a restore hands the backend its entries (at another parallelism the backend keeps the key
 * groups it now owns) and takes the highest former watermark. Subtask thread only.
 */
final class BackendCheckpoints {
    private final KeyedStateBackend backend;
    private CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);

    BackendCheckpoints(KeyedStateBackend backend) {
        this.backend = requireNonNull(backend, "backend is null");
    }

    /** The backend's snapshot for checkpoint {@code checkpointId}. */
    Map<Integer, byte[]> snapshot(long checkpointId) {
        StateSnapshot snapshot = backend.snapshot(checkpointId);
        stored = snapshot.uploaded();
        return snapshot.entries();
    }

    /** The backend's snapshot with {@code watermark} as operator state. */
    Map<Integer, byte[]> snapshot(long checkpointId, long watermark) {
        Map<Integer, byte[]> entries = new HashMap<>(snapshot(checkpointId));
        entries.put(CheckpointedOperator.OPERATOR_STATE, OperatorState.serialize(watermark));
        return entries;
    }

    /** Completes once the last snapshot's files are in checkpoint storage. */
    CompletableFuture<Void> stored() {
        return stored;
    }

    /** Restores the backend; returns the highest of {@code watermark} and the stored watermarks. */
    long restore(Map<Integer, byte[]> keyedState, List<byte[]> operatorState, long watermark) {
        backend.restore(keyedState);
        long highest = watermark;
        for (byte[] bytes : operatorState) {
            highest = Math.max(highest, (Long) OperatorState.deserialize(bytes));
        }
        return highest;
    }

    /** Appends each accumulator's state, preceded by its size, to {@code values} (for a {@link KeyCodec} encoding). */
    static void addStates(List<Object> values, RetractableAccumulators.Accumulator[] accumulators) {
        for (RetractableAccumulators.Accumulator accumulator : accumulators) {
            List<Object> state = accumulator.state();
            values.add((long) state.size());
            values.addAll(state);
        }
    }

    /** Restores fresh {@code accumulators} from the states {@link #addStates} wrote at {@code at}; returns where they end. */
    static int restoreStates(List<Object> values, int at, RetractableAccumulators.Accumulator[] accumulators) {
        int next = at;
        for (RetractableAccumulators.Accumulator accumulator : accumulators) {
            int size = (int) (long) (Long) values.get(next++);
            accumulator.restore(values.subList(next, next + size));
            next += size;
        }
        return next;
    }

    /** One row (the Java value convention of {@code BatchValues}) as its {@link KeyCodec} values. */
    static StateCodec<Object[]> row() {
        return new StateCodec<>() {
            @Override
            public byte[] encode(Object[] row) {
                return KeyCodec.INSTANCE.encode(java.util.Arrays.asList(row));
            }

            @Override
            public Object[] decode(byte[] bytes) {
                return KeyCodec.INSTANCE.decode(bytes).toArray();
            }
        };
    }

    /**
     * Rows of {@code width} values each (the Java value convention of {@code BatchValues}), as their
     * {@link KeyCodec} values one after another.
     */
    static StateCodec<List<Object[]>> rows(int width) {
        return new StateCodec<>() {
            @Override
            public byte[] encode(List<Object[]> rows) {
                List<Object> values = new ArrayList<>(rows.size() * width);
                for (Object[] row : rows) {
                    values.addAll(java.util.Arrays.asList(row));
                }
                return KeyCodec.INSTANCE.encode(values);
            }

            @Override
            public List<Object[]> decode(byte[] bytes) {
                List<Object> values = KeyCodec.INSTANCE.decode(bytes);
                List<Object[]> rows = new ArrayList<>(values.size() / Math.max(1, width));
                for (int at = 0; at + width <= values.size() && width > 0; at += width) {
                    rows.add(values.subList(at, at + width).toArray());
                }
                return rows;
            }
        };
    }
}

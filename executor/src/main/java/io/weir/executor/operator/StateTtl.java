package io.weir.executor.operator;

import static java.util.Objects.requireNonNull;

import io.weir.executor.state.KeyedStateBackend;
import io.weir.executor.state.MapState;
import io.weir.executor.state.ProcessingTimers;
import io.weir.executor.state.StateCodec;
import io.weir.executor.state.ValueState;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * State time-to-live ({@code 'table.exec.state.ttl'}) for an operator's keyed states, as Flink's
 * {@code StateTtlConfig} with processing time, update type {@code OnCreateAndWrite} and
 * {@code NeverReturnExpired}: each value (each map entry) is stored with the processing time it was
 * last written; a read at or after {@code written + ttl} finds nothing (and removes the value), so a
 * key that was not updated for the TTL starts afresh. Memory is released by processing-time timers
 * in the backend ({@code ttl-cleanup}): every write registers one for its key at its expiry, rounded
 * up to an eighth of the TTL so that a key written often has few timers; when one fires, the key's
 * expired values in every state of this TTL are removed.
 *
 * <p>With a TTL of 0 (the default) the states are the backend's own, unchanged. Changing the TTL of
 * a job is not compatible with its checkpoints (the states' layout differs), as in Flink. Subtask
 * thread only.
 */
final class StateTtl {
    private final KeyedStateBackend backend;
    private final long ttlMillis;
    private final long rounding;
    private final ProcessingClock clock;
    private final ProcessingTimers cleanups;
    private final List<Runnable> purges = new ArrayList<>();
    private long purgeTime;

    /** A value with the processing time of its last write. */
    record Stamped<V>(long written, V value) {
    }

    StateTtl(KeyedStateBackend backend, long ttlMillis, ProcessingClock clock) {
        this.backend = requireNonNull(backend, "backend is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (ttlMillis < 0) {
            throw new IllegalArgumentException("ttlMillis must not be negative, not " + ttlMillis);
        }
        this.ttlMillis = ttlMillis;
        this.rounding = Math.max(1, ttlMillis / 8);
        this.cleanups = ttlMillis == 0 ? null : backend.processingTimers("ttl-cleanup");
    }

    boolean enabled() {
        return ttlMillis > 0;
    }

    /** The current key's value state {@code name}; with a TTL its values expire. */
    <V> ValueState<V> valueState(String name, StateCodec<V> codec) {
        if (!enabled()) {
            return backend.valueState(name, codec);
        }
        ValueState<Stamped<V>> stored = backend.valueState(name + "-ttl", stamped(codec));
        ValueState<V> state = new ValueState<>() {
            @Override
            public V value() {
                Stamped<V> value = stored.value();
                if (value == null) {
                    return null;
                }
                if (expired(value, clock.now())) {
                    stored.clear();
                    return null;
                }
                return value.value();
            }

            @Override
            public void update(V value) {
                long now = clock.now();
                stored.update(new Stamped<>(now, value));
                registerCleanup(now);
            }

            @Override
            public void clear() {
                stored.clear();
            }
        };
        purges.add(() -> {
            Stamped<V> value = stored.value();
            if (value != null && expired(value, purgeTime)) {
                stored.clear();
            }
        });
        return state;
    }

    /** The current key's map state {@code name}; with a TTL each entry expires on its own. */
    <K, V> MapState<K, V> mapState(String name, StateCodec<K> keys, StateCodec<V> values) {
        if (!enabled()) {
            return backend.mapState(name, keys, values);
        }
        MapState<K, Stamped<V>> stored = backend.mapState(name + "-ttl", keys, stamped(values));
        MapState<K, V> state = new MapState<>() {
            @Override
            public V get(K mapKey) {
                Stamped<V> value = stored.get(mapKey);
                if (value == null) {
                    return null;
                }
                if (expired(value, clock.now())) {
                    stored.remove(mapKey);
                    return null;
                }
                return value.value();
            }

            @Override
            public void put(K mapKey, V value) {
                long now = clock.now();
                stored.put(mapKey, new Stamped<>(now, value));
                registerCleanup(now);
            }

            @Override
            public void remove(K mapKey) {
                stored.remove(mapKey);
            }

            @Override
            public Iterable<Map.Entry<K, V>> entries() {
                return live(stored, clock.now());
            }
        };
        purges.add(() -> live(stored, purgeTime));
        return state;
    }

    /** The map's entries that have not expired at {@code now}; the expired ones are removed. */
    private <K, V> List<Map.Entry<K, V>> live(MapState<K, Stamped<V>> stored, long now) {
        List<Map.Entry<K, V>> live = new ArrayList<>();
        for (Map.Entry<K, Stamped<V>> entry : stored.entries()) {
            if (expired(entry.getValue(), now)) {
                stored.remove(entry.getKey());
            } else {
                live.add(new AbstractMap.SimpleEntry<>(entry.getKey(), entry.getValue().value()));
            }
        }
        return live;
    }

    private boolean expired(Stamped<?> value, long now) {
        return value.written() + ttlMillis <= now;
    }

    private void registerCleanup(long written) {
        long expiry = written + ttlMillis;
        cleanups.register(Math.floorDiv(expiry + rounding - 1, rounding) * rounding);
    }

    /**
     * Fires the cleanup timers due at {@code now}: each removes its key's expired values from every
     * state of this TTL. The operator calls it from {@link Operator#onProcessingTime}; emits nothing.
     */
    void onProcessingTime(long now) {
        if (!enabled()) {
            return;
        }
        purgeTime = now;
        cleanups.fireUpTo(now, (keyGroup, key, time) -> purges.forEach(Runnable::run));
    }

    /** A stamped value as its 8-byte write time, then the value's own encoding. */
    private static <V> StateCodec<Stamped<V>> stamped(StateCodec<V> codec) {
        return new StateCodec<>() {
            @Override
            public byte[] encode(Stamped<V> stamped) {
                byte[] value = codec.encode(stamped.value());
                return ByteBuffer.allocate(8 + value.length).putLong(stamped.written()).put(value).array();
            }

            @Override
            public Stamped<V> decode(byte[] bytes) {
                long written = ByteBuffer.wrap(bytes).getLong();
                return new Stamped<>(written, codec.decode(Arrays.copyOfRange(bytes, 8, bytes.length)));
            }
        };
    }
}

package io.weir.executor.operator;

import io.weir.executor.internal.Batches;
import io.weir.executor.internal.KeyGroups;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Finds the key groups of keys held as hashable values (a checkpoint taken before an operator's
 * state went into a state backend). The key group of a stored key is computed the way the exchange routed
 * the row: the values are written back into Arrow vectors of the key columns' types and hashed by
 * {@link KeyGroups}, so a restore at another parallelism gives each key to the subtask that now
 * receives its rows. Runs at restore time only (not per row). Not thread-safe; no state of its own.
 */
final class KeyGroupCut {
    private static final int CHUNK = 1024;

    private KeyGroupCut() {
    }

    /** The types of {@code columns} of {@code input}, in that order. */
    static RowType keyTypes(RowType input, List<Integer> columns) {
        List<Field> fields = new ArrayList<>(columns.size());
        for (int column : columns) {
            fields.add(input.field(column));
        }
        return new RowType(fields);
    }

    /** The key group of each of {@code keys}, whose values have the types of {@code keyTypes}. */
    static Map<List<Object>, Integer> keyGroups(Collection<List<Object>> keys, RowType keyTypes,
            BufferAllocator allocator) {
        Map<List<Object>, Integer> groups = new HashMap<>();
        if (keyTypes.size() == 0) {
            int only = KeyGroups.keyGroup(0);
            keys.forEach(key -> groups.put(key, only));
            return groups;
        }
        List<Integer> columns = IntStream.range(0, keyTypes.size()).boxed().toList();
        Iterator<List<Object>> remaining = keys.iterator();
        List<List<Object>> chunk = new ArrayList<>(CHUNK);
        while (remaining.hasNext()) {
            chunk.clear();
            while (remaining.hasNext() && chunk.size() < CHUNK) {
                chunk.add(remaining.next());
            }
            try (VectorSchemaRoot batch = Batches.allocate(keyTypes, allocator, chunk.size())) {
                for (int r = 0; r < chunk.size(); r++) {
                    List<Object> key = chunk.get(r);
                    for (int c = 0; c < keyTypes.size(); c++) {
                        Object value = key.get(c);
                        BatchValues.set(batch.getVector(c), r, value instanceof ByteBuffer b ? b.array() : value);
                    }
                }
                batch.setRowCount(chunk.size());
                int[] assigned = KeyGroups.keyGroups(batch, columns);
                for (int r = 0; r < chunk.size(); r++) {
                    groups.put(chunk.get(r), assigned[r]);
                }
            }
        }
        return groups;
    }
}

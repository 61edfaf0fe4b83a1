package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Emits fixed rows (Java values per the TypeKind convention), from subtask 0 only, then ends. */
public record ValuesSpec(List<List<Object>> rows) implements OperatorSpec {
    public ValuesSpec {
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : requireNonNull(rows, "rows is null")) {
            // values may be null, so List.copyOf is not usable here
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    @Override
    public String describe() {
        return "Values(rows=" + rows.size() + ")";
    }
}

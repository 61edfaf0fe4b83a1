package io.weir.spi.type;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/** The columns of a table, a batch or a result, in order. */
public record RowType(List<Field> fields) implements Serializable {
    public RowType {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    public DataType type(int index) {
        return fields.get(index).type();
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /** The index of the column named {@code name} (case-insensitive), or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return fields.stream().map(f -> f.name() + " " + f.type()).collect(Collectors.joining(", ", "(", ")"));
    }
}

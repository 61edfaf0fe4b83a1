package io.weir.spi.type;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/** A named, typed column of a row. */
public record Field(String name, DataType type) implements Serializable {
    public Field {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}

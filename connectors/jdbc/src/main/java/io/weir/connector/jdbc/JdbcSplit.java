package io.weir.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.SourceSplit;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One range of the partition column, read by one query: {@code where} is the SQL condition with
 * {@code ?} parameters (empty: the whole table) and {@code parameters} the values bound to them, as
 * the driver takes them ({@code Long}, {@code LocalDate}, {@code LocalDateTime}, ...).
 */
record JdbcSplit(String splitId, String where, List<Serializable> parameters) implements SourceSplit {
    JdbcSplit {
        requireNonNull(splitId, "splitId is null");
        requireNonNull(where, "where is null");
        parameters = List.copyOf(new ArrayList<>(requireNonNull(parameters, "parameters is null")));
    }
}

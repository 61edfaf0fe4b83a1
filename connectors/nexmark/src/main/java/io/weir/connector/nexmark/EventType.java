package io.weir.connector.nexmark;

import java.util.List;
import java.util.Locale;

/**
 * The three Nexmark event types and their columns, named as in the published benchmark's views
 * ({@code ddl_views.sql}). A table declares any subset of its type's columns, in any order.
 */
enum EventType {
    PERSON(List.of(Column.bigint("id"), Column.string("name"), Column.string("emailAddress"),
            Column.string("creditCard"), Column.string("city"), Column.string("state"),
            Column.timestamp("dateTime"), Column.string("extra"))),
    AUCTION(List.of(Column.bigint("id"), Column.string("itemName"), Column.string("description"),
            Column.bigint("initialBid"), Column.bigint("reserve"), Column.timestamp("dateTime"),
            Column.timestamp("expires"), Column.bigint("seller"), Column.bigint("category"),
            Column.string("extra"))),
    BID(List.of(Column.bigint("auction"), Column.bigint("bidder"), Column.bigint("price"),
            Column.string("channel"), Column.string("url"), Column.timestamp("dateTime"),
            Column.string("extra")));

    private final List<Column> columns;

    EventType(List<Column> columns) {
        this.columns = columns;
    }

    /** The columns in the order of the published views; a column's index is its field number. */
    List<Column> columns() {
        return columns;
    }

    /** The field number of the column named {@code name} (case-insensitive), or -1. */
    int fieldOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of {@code nexmark.table.type}: bid, auction or person. */
    String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EventType fromOption(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** A column of an event: its name and which SQL types may hold it. */
    record Column(String name, Kind kind) {
        static Column bigint(String name) {
            return new Column(name, Kind.BIGINT);
        }

        static Column string(String name) {
            return new Column(name, Kind.STRING);
        }

        static Column timestamp(String name) {
            return new Column(name, Kind.TIMESTAMP);
        }
    }

    /** The shape of a column's values: BIGINT, STRING (also VARCHAR) or TIMESTAMP(3) (also TIMESTAMP_LTZ(3)). */
    enum Kind {
        BIGINT,
        STRING,
        TIMESTAMP
    }
}

package io.weir.server.pgwire;

import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.TypeKind;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Formats MAP and ROW values as JSON text (the columns are reported as {@code json}): a ROW
 * becomes an object keyed by field name, a MAP an object keyed by the key's text, an ARRAY inside
 * them a JSON array; numbers and booleans stay JSON numbers and booleans, everything else is a
 * string in its PostgreSQL text form. Stateless and thread-safe.
 */
final class PgJsonFormat {
    private PgJsonFormat() {
    }

    static String format(Object value, DataType type) {
        StringBuilder json = new StringBuilder();
        append(json, value, type);
        return json.toString();
    }

    private static void append(StringBuilder json, Object value, DataType type) {
        if (value == null) {
            json.append("null");
            return;
        }
        switch (type.kind()) {
            case ROW -> appendRow(json, value, type.children());
            case MAP -> appendMap(json, value, type);
            case ARRAY -> appendArray(json, value, type.children().get(0).type());
            case BOOLEAN -> json.append(value instanceof Boolean bool ? bool.toString() : quoted(value.toString()));
            case TINYINT, SMALLINT, INT, BIGINT, DECIMAL, FLOAT, DOUBLE -> appendNumber(json, value, type);
            default -> appendString(json, PgTextFormat.format(value, type));
        }
    }

    private static void appendRow(StringBuilder json, Object value, List<Field> fields) {
        if (!(value instanceof List<?> values)) {
            appendString(json, value.toString());
            return;
        }
        json.append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            appendString(json, fields.get(i).name());
            json.append(':');
            append(json, i < values.size() ? values.get(i) : null, fields.get(i).type());
        }
        json.append('}');
    }

    private static void appendMap(StringBuilder json, Object value, DataType type) {
        if (!(value instanceof Map<?, ?> map)) {
            appendString(json, value.toString());
            return;
        }
        DataType keyType = type.children().get(0).type();
        DataType valueType = type.children().get(1).type();
        json.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            String key = PgTextFormat.format(entry.getKey(), keyType);
            appendString(json, key == null ? "null" : key);
            json.append(':');
            append(json, entry.getValue(), valueType);
            if (entries.hasNext()) {
                json.append(',');
            }
        }
        json.append('}');
    }

    private static void appendArray(StringBuilder json, Object value, DataType elementType) {
        if (!(value instanceof List<?> list)) {
            appendString(json, value.toString());
            return;
        }
        json.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            append(json, list.get(i), elementType);
        }
        json.append(']');
    }

    private static void appendNumber(StringBuilder json, Object value, DataType type) {
        String text = PgTextFormat.format(value, type);
        boolean finite = !(text.equals("NaN") || text.endsWith("Infinity"));
        if (finite && value instanceof Number) {
            json.append(text);
        } else {
            appendString(json, text);
        }
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder();
        appendString(json, text);
        return json.toString();
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}

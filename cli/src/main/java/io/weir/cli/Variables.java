package io.weir.cli;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Script variables given with {@code --var name=value}: every {@code ${name}} in a script or
 * shell line is replaced by its value before the text is split into statements. A reference to
 * an undefined variable is an error, not an empty string, so a typo cannot silently change SQL.
 */
final class Variables {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    private final Map<String, String> values;

    private Variables(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The variables of {@code values}, by name. */
    static Variables of(Map<String, String> values) {
        return new Variables(requireNonNull(values, "values is null"));
    }

    /** Parses {@code name=value} pairs. */
    static Variables parse(List<String> definitions) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String definition : requireNonNull(definitions, "definitions is null")) {
            int equals = definition.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--var needs name=value, not '" + definition + "'");
            }
            values.put(definition.substring(0, equals), definition.substring(equals + 1));
        }
        return new Variables(values);
    }

    String substitute(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("undefined variable ${" + matcher.group(1)
                        + "}; define it with --var " + matcher.group(1) + "=...");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}

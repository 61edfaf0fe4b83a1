package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import io.weir.spi.type.DataType;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A scalar expression over the columns of one input row, typed, with SQL's NULL semantics. The
 * executor compiles a list of them into bytecode once per subtask.
 *
 * <p>{@link Call} operator names (operands in parentheses):
 * <ul>
 *   <li>arithmetic: {@code +, -, *, /} (2), {@code NEGATE} (1), {@code MOD} (2); integer division
 *       truncates, DECIMAL division rounds half-up to the result scale, division by zero is an error;
 *   <li>comparison: {@code =, <>, <, <=, >, >=} (2), {@code IS NULL, IS NOT NULL, IS TRUE, IS FALSE,
 *       IS NOT TRUE, IS NOT FALSE} (1), {@code IS DISTINCT FROM, IS NOT DISTINCT FROM} (2);
 *   <li>logic with three-valued semantics: {@code AND, OR} (2 or more), {@code NOT} (1);
 *   <li>{@code CASE} (when1, then1, when2, then2, ..., else), {@code COALESCE} (n), {@code NULLIF} (2),
 *       {@code CAST} (1, to {@link #type()}), {@code LIKE} (2 or 3 with escape), {@code NOT LIKE};
 *   <li>strings: {@code UPPER, LOWER, CHAR_LENGTH, TRIM_BOTH, TRIM_LEADING, TRIM_TRAILING} (1, trims
 *       spaces) or (2: characters, string), {@code SUBSTRING} (2 or 3, 1-based), {@code CONCAT}
 *       ({@code ||}, n), {@code REPLACE} (3), {@code POSITION} (2), {@code INITCAP} (1);
 *   <li>math: {@code ABS, FLOOR, CEIL, SQRT, LN, LOG10, EXP, SIGN} (1), {@code ROUND} (1 or 2),
 *       {@code POWER} (2);
 *   <li>time: {@code EXTRACT} (2: a STRING literal unit YEAR|MONTH|DAY|HOUR|MINUTE|SECOND|DOW|DOY|
 *       QUARTER|WEEK, and a DATE/TIMESTAMP), {@code CURRENT_TIMESTAMP}, {@code CURRENT_DATE},
 *       {@code LOCALTIMESTAMP} (0);
 *   <li>Flink's built-ins ({@code FlinkFunctions}; NULL operands give NULL unless noted):
 *       {@code REGEXP_EXTRACT} (2 or 3), {@code REGEXP_REPLACE} (3), {@code SPLIT_INDEX} (3, 0-based),
 *       {@code CONCAT_WS} (separator, n; skips NULL strings), {@code LPAD, RPAD} (3), {@code LEFT, RIGHT,
 *       REPEAT} (2), {@code REVERSE, MD5, SHA256} (1), {@code GREATEST, LEAST} (n, NULL if any is NULL),
 *       {@code TRUNCATE} (2), {@code FROM_UNIXTIME} (1 or 2), {@code UNIX_TIMESTAMP} (0, 1 or 2),
 *       {@code TO_TIMESTAMP, TO_DATE} (1 or 2, Java date patterns, NULL when the text does not parse),
 *       {@code UUID} (0); {@code +} and {@code -} of a TIMESTAMP and an INTERVAL_DAY_TIME (millis);
 *   <li>{@code CURRENT_WATERMARK} is reserved for the streaming issue.
 * </ul>
 */
public sealed interface Expr extends Serializable permits Expr.InputRef, Expr.Literal, Expr.Call, Expr.UserCall {
    DataType type();

    /** The value of column {@code index} of the input row. */
    record InputRef(int index, DataType type) implements Expr {
        public InputRef {
            requireNonNull(type, "type is null");
        }

        @Override
        public String toString() {
            return "$" + index;
        }
    }

    /** A constant (Java value per the TypeKind convention), or NULL. */
    record Literal(Object value, DataType type) implements Expr {
        public Literal {
            requireNonNull(type, "type is null");
        }

        @Override
        public String toString() {
            if (value == null) {
                return "NULL";
            }
            return value instanceof String s ? "'" + s.replace("'", "''") + "'" : value.toString();
        }
    }

    /** A function or operator applied to operands. */
    record Call(String operator, List<Expr> operands, DataType type) implements Expr {
        public Call {
            requireNonNull(operator, "operator is null");
            operands = List.copyOf(requireNonNull(operands, "operands is null"));
            requireNonNull(type, "type is null");
        }

        @Override
        public String toString() {
            return operator + operands.stream().map(Expr::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /**
     * A call of a user-defined scalar function; each operand already has the SQL type of the Java
     * parameter it is passed to. A NULL operand for a primitive parameter gives NULL without calling.
     */
    record UserCall(UserFunction function, List<Expr> operands, DataType type) implements Expr {
        public UserCall {
            requireNonNull(function, "function is null");
            operands = List.copyOf(requireNonNull(operands, "operands is null"));
            requireNonNull(type, "type is null");
        }

        @Override
        public String toString() {
            return function.name() + operands.stream().map(Expr::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }
}

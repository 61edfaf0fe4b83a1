package io.weir.spi.error;

import static java.util.Objects.requireNonNull;

/**
 * Every error Weir reports, with the SQLSTATE a PostgreSQL client sees and whose fault it is.
 *
 * <p>The SQLSTATE values follow PostgreSQL's Appendix A so that drivers and tools react to them as
 * they would to PostgreSQL (for example psql prints the caret for 42601 with a position).
 */
public enum ErrorCode {
    SYNTAX_ERROR("42601", Kind.USER),
    /** A statement that parses but breaks a rule of the language (the SQLSTATE class 42 catch-all). */
    INVALID_STATEMENT("42000", Kind.USER),
    UNDEFINED_TABLE("42P01", Kind.USER),
    UNDEFINED_COLUMN("42703", Kind.USER),
    UNDEFINED_FUNCTION("42883", Kind.USER),
    UNDEFINED_OBJECT("42704", Kind.USER),
    DUPLICATE_TABLE("42P07", Kind.USER),
    DUPLICATE_OBJECT("42710", Kind.USER),
    DATATYPE_MISMATCH("42804", Kind.USER),
    GROUPING_ERROR("42803", Kind.USER),
    WRONG_OBJECT_TYPE("42809", Kind.USER),
    INVALID_PARAMETER_VALUE("22023", Kind.USER),
    INVALID_TEXT_REPRESENTATION("22P02", Kind.USER),
    DIVISION_BY_ZERO("22012", Kind.USER),
    NUMERIC_VALUE_OUT_OF_RANGE("22003", Kind.USER),
    DATA_EXCEPTION("22000", Kind.USER),
    BAD_RECORD("22P04", Kind.USER),
    INVALID_OPTION("42P17", Kind.USER),
    FEATURE_NOT_SUPPORTED("0A000", Kind.USER),
    PROTOCOL_VIOLATION("08P01", Kind.USER),
    QUERY_CANCELED("57014", Kind.USER),
    OBJECT_IN_USE("55006", Kind.USER),
    IN_FAILED_SQL_TRANSACTION("25P02", Kind.USER),
    NO_ACTIVE_SQL_TRANSACTION("25P01", Kind.USER),
    INVALID_CURSOR_NAME("34000", Kind.USER),
    DUPLICATE_CURSOR("42P03", Kind.USER),
    /** A user-defined function threw (PostgreSQL: external_routine_exception). */
    EXTERNAL_ROUTINE_EXCEPTION("38000", Kind.USER),
    IO_ERROR("58030", Kind.RESOURCE),
    INSUFFICIENT_RESOURCES("53000", Kind.RESOURCE),
    OUT_OF_MEMORY("53200", Kind.RESOURCE),
    CONNECTOR_ERROR("58000", Kind.RESOURCE),
    INTERNAL_ERROR("XX000", Kind.INTERNAL);

    /** Whose fault an error is: the statement's, the environment's, or Weir's own. */
    public enum Kind {
        USER,
        RESOURCE,
        INTERNAL
    }

    private final String sqlState;
    private final Kind kind;

    ErrorCode(String sqlState, Kind kind) {
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
        this.kind = requireNonNull(kind, "kind is null");
    }

    public String sqlState() {
        return sqlState;
    }

    public Kind kind() {
        return kind;
    }
}

package io.weir.planner;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.SourcePosition;
import io.weir.spi.error.WeirException;
import org.apache.calcite.runtime.CalciteContextException;

/**
 * Turns Calcite's validation errors into {@link WeirException}s with the right SQLSTATE and the
 * position in the statement text, so psql can point at the offending word.
 */
final class PlannerErrors {
    private PlannerErrors() {
    }

    /** {@code text} is the SQL text that the statement's parser positions refer to. */
    static RuntimeException translate(RuntimeException error, String text) {
        if (error instanceof WeirException) {
            return error;
        }
        CalciteContextException context = findContext(error);
        if (context == null) {
            return new WeirException(ErrorCode.INVALID_STATEMENT, shortMessage(error), error);
        }
        String message = context.getCause() != null && context.getCause().getMessage() != null
                ? context.getCause().getMessage() : context.getMessage();
        SourcePosition position = context.getPosLine() > 0 && context.getPosColumn() > 0
                ? SourcePosition.of(text, context.getPosLine(), context.getPosColumn()) : null;
        return new WeirException(codeFor(message), position, message, error);
    }

    private static CalciteContextException findContext(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CalciteContextException context) {
                return context;
            }
        }
        return null;
    }

    private static String shortMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    static ErrorCode codeFor(String message) {
        if (message.startsWith("Object '") || message.startsWith("Table '")) {
            return ErrorCode.UNDEFINED_TABLE;
        }
        if (message.startsWith("Column '") && message.contains("not found")) {
            return ErrorCode.UNDEFINED_COLUMN;
        }
        if (message.startsWith("No match found for function signature")) {
            return ErrorCode.UNDEFINED_FUNCTION;
        }
        if (message.contains("is not being grouped") || message.contains("GROUP BY")) {
            return ErrorCode.GROUPING_ERROR;
        }
        if (message.startsWith("Cannot apply") || message.startsWith("Cannot assign")
                || message.contains("incompatible") || message.startsWith("Cast function cannot convert")) {
            return ErrorCode.DATATYPE_MISMATCH;
        }
        return ErrorCode.INVALID_STATEMENT;
    }
}

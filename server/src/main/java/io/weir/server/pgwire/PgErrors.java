package io.weir.server.pgwire;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into ErrorResponse messages: user and resource errors keep their SQLSTATE,
 * message and position; anything else becomes XX000 "internal error, please report" with an error
 * id, and its stack trace goes to the server log only.
 */
final class PgErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PgErrors.class);

    static final String ERROR = "ERROR";
    static final String FATAL = "FATAL";

    private PgErrors() {
    }

    /** The ErrorResponse for a failure of a statement (or of startup, with severity FATAL). */
    static BackendMessage.ErrorResponse toResponse(Throwable failure, String severity) {
        if (failure instanceof WeirException weir && weir.code().kind() != ErrorCode.Kind.INTERNAL) {
            LOG.debug("Statement failed: {} {}", weir.code().sqlState(), weir.getMessage());
            Integer position = weir.position().map(p -> p.offset()).orElse(null);
            return response(severity, weir.code().sqlState(), weir.getMessage(), position);
        }
        String errorId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFL);
        LOG.error("Internal error {} while serving a pgwire client", errorId, failure);
        String summary = failure instanceof WeirException
                ? failure.getMessage()
                : failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return response(severity, ErrorCode.INTERNAL_ERROR.sqlState(),
                "internal error, please report: " + summary + " (error id " + errorId + ")", null);
    }

    /** A NoticeResponse of severity NOTICE (SQLSTATE 00000). */
    static BackendMessage.ErrorResponse notice(String message) {
        Map<Character, String> fields = new LinkedHashMap<>();
        fields.put('S', "NOTICE");
        fields.put('V', "NOTICE");
        fields.put('C', "00000");
        fields.put('M', message);
        return new BackendMessage.ErrorResponse(fields, true);
    }

    /** An ErrorResponse with the given fields; {@code position} (1-based) may be {@code null}. */
    static BackendMessage.ErrorResponse response(String severity, String sqlState, String message, Integer position) {
        Map<Character, String> fields = new LinkedHashMap<>();
        fields.put('S', severity);
        fields.put('V', severity);
        fields.put('C', sqlState);
        fields.put('M', message);
        if (position != null) {
            fields.put('P', Integer.toString(position));
        }
        return new BackendMessage.ErrorResponse(fields, false);
    }
}

package io.weir.executor.internal;

import io.weir.executor.plan.Vertex;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;

/** How errors inside a job become the job's failure: WeirExceptions as they are, anything else wrapped. */
final class Failures {
    private Failures() {
    }

    static WeirException internal(Vertex vertex, Throwable cause) {
        return new WeirException(ErrorCode.INTERNAL_ERROR,
                "internal error in " + vertex.name() + ": "
                + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
    }

    static Throwable of(Vertex vertex, Throwable error) {
        return error instanceof WeirException ? error : internal(vertex, error);
    }
}

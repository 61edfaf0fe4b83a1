package io.weir.executor.internal;

import io.weir.executor.plan.Vertex;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * How errors inside a job become the job's failure: WeirExceptions as they are, running out of the
 * worker's batch memory as 53200 with what to do about it, anything else wrapped as an internal error.
 */
final class Failures {
    private Failures() {
    }

    static WeirException internal(Vertex vertex, Throwable cause) {
        return new WeirException(ErrorCode.INTERNAL_ERROR,
                "internal error in " + vertex.name() + ": "
                + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
    }

    /**
     * The batches of every job on a worker share one Arrow allocator with a fixed limit. Batch-mode
     * sorts, ranks and hash joins hold their whole input there, so a large bounded input can use it
     * up; that is the user's input meeting a limit, not a bug in Weir.
     */
    static WeirException outOfMemory(Vertex vertex, OutOfMemoryException cause) {
        // the operator that asked last is named, which is not always the one holding the memory
        return new WeirException(ErrorCode.OUT_OF_MEMORY, "out of memory: the worker's memory for batches is used up ("
                + cause.getMessage() + "; it ran out in " + vertex.name() + "). In batch mode sorts, ranks and joins "
                + "hold their whole input in memory; run the statement in streaming mode "
                + "(SET 'execution.runtime-mode' = 'streaming'), where state lives in the state backend, or read less "
                + "input at once", cause);
    }

    static Throwable of(Vertex vertex, Throwable error) {
        return error instanceof WeirException ? error : wrap(vertex, error);
    }

    /** An error that is not a WeirException, as the job's failure: out of memory or internal. */
    static WeirException wrap(Vertex vertex, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryException memory) {
                return outOfMemory(vertex, memory);
            }
        }
        return internal(vertex, error);
    }
}

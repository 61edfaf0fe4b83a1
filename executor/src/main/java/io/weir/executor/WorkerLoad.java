package io.weir.executor;

import java.io.Serializable;

/**
 * What a worker reports of itself with each heartbeat: what its data plane sent to other workers
 * so far (bytes of Arrow IPC batches, and rows), the Arrow memory its fragments hold now, and the
 * JVM heap in use.
 */
public record WorkerLoad(long dataBytesSent, long dataRowsSent, long arrowBytes, long heapBytes) implements Serializable {
    /** A worker that has reported nothing yet (or runs in the coordinator's JVM). */
    public static final WorkerLoad NONE = new WorkerLoad(0, 0, 0, 0);

    /** This JVM's heap in use now. */
    public static long heapInUse() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}

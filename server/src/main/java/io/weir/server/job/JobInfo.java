package io.weir.server.job;

import static java.util.Objects.requireNonNull;

import io.weir.executor.JobHandle;
import io.weir.executor.JobStatus;
import java.time.Instant;
import java.util.Optional;

/** A job the server started: its id, name, SQL, when it started, and the handle that runs it. */
public record JobInfo(String id, String name, String statement, Instant startTime, JobHandle handle) {
    public JobInfo {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(statement, "statement is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(handle, "handle is null");
    }

    public JobStatus status() {
        return handle.status();
    }

    /** Why the job failed, in one line, if it did. */
    public Optional<String> failureReason() {
        return handle.failure().map(t -> t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
}

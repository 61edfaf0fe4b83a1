package io.weir.executor.cluster;

import static java.util.Objects.requireNonNull;

import io.weir.executor.JobStatus;
import io.weir.spi.connector.Committable;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How a fragment ended: FINISHED (its subtasks ended normally, or were stopped because the job
 * completed), FAILED with the first error, or CANCELED. A finished fragment hands over what its
 * sinks staged and no checkpoint covered yet ({@code committables}, by sink vertex), which the
 * master commits once every fragment finished; a failed or cancelled one removed its staged output.
 *
 * @param errorCode the failure's error code, when FAILED
 * @param errorMessage the failure's message, when FAILED
 * @param metrics the fragment's final counters
 */
public record FragmentResult(JobStatus status, ErrorCode errorCode, String errorMessage,
        Map<Integer, List<Committable>> committables, FragmentMetrics metrics) implements Serializable {
    public FragmentResult {
        requireNonNull(status, "status is null");
        committables = Map.copyOf(requireNonNull(committables, "committables is null"));
        requireNonNull(metrics, "metrics is null");
    }

    public static FragmentResult failed(Throwable error, FragmentMetrics metrics) {
        WeirException weir = error instanceof WeirException w ? w
                : new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: " + error, error);
        return new FragmentResult(JobStatus.FAILED, weir.code(), weir.getMessage(), Map.of(), metrics);
    }

    /** The failure as the job reports it. */
    public WeirException failure() {
        return new WeirException(errorCode == null ? ErrorCode.INTERNAL_ERROR : errorCode,
                errorMessage == null ? "unknown failure" : errorMessage);
    }
}

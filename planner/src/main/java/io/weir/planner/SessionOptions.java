package io.weir.planner;

import io.weir.spi.connector.Durations;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.Locale;
import java.util.Map;

/**
 * The session options the planner reads, with Flink's names and defaults.
 */
public final class SessionOptions {
    public static final String PARALLELISM = "parallelism.default";
    public static final String RUNTIME_MODE = "execution.runtime-mode";
    public static final String DML_SYNC = "table.dml-sync";
    public static final String PIPELINE_NAME = "pipeline.name";
    public static final String STATE_TTL = "table.exec.state.ttl";
    public static final String REUSE_SUB_PLAN = "table.optimizer.reuse-sub-plan-enabled";

    private SessionOptions() {
    }

    public static int parallelism(Map<String, String> options) {
        String value = options.getOrDefault(PARALLELISM, "1").trim();
        try {
            int parallelism = Integer.parseInt(value);
            if (parallelism >= 1) {
                return parallelism;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE,
                "Invalid value '" + value + "' for '" + PARALLELISM + "': expected a whole number of at least 1");
    }

    /** {@code automatic} (batch when every source is bounded), {@code streaming} or {@code batch}. */
    public static String runtimeMode(Map<String, String> options) {
        String value = options.getOrDefault(RUNTIME_MODE, "automatic").trim().toLowerCase(Locale.ROOT);
        if (!value.equals("automatic") && !value.equals("streaming") && !value.equals("batch")) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '" + value + "' for '"
                    + RUNTIME_MODE + "': expected one of automatic, streaming, batch");
        }
        return value;
    }

    /**
     * {@code 'table.exec.state.ttl'} in milliseconds: how long an unwindowed stateful operator keeps a
     * key's state that is not written (0, the default: forever). A duration as Flink writes it.
     */
    public static long stateTtlMillis(Map<String, String> options) {
        String value = options.getOrDefault(STATE_TTL, "0").trim();
        try {
            return Durations.parse(value).toMillis();
        } catch (RuntimeException e) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '" + value + "' for '"
                    + STATE_TTL + "': expected a duration such as '0' (no TTL), '1000 ms', '10 s', '1 min' or '1 h' "
                    + "(a bare number is milliseconds)");
        }
    }

    /**
     * {@code 'table.optimizer.reuse-sub-plan-enabled'} (default true, as in Flink): whether a subtree
     * that occurs twice in a plan is computed once for all its consumers.
     */
    public static boolean reuseSubPlans(Map<String, String> options) {
        String value = options.getOrDefault(REUSE_SUB_PLAN, "true").trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid value '" + value + "' for '"
                    + REUSE_SUB_PLAN + "': expected true or false");
        }
        return value.equals("true");
    }

    public static boolean dmlSync(Map<String, String> options) {
        return Boolean.parseBoolean(options.getOrDefault(DML_SYNC, "false").trim());
    }
}

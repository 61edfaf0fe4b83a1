package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchResultTest {
    @Test
    void ratesDivideEventsByElapsedTimeCoresAndCpuTime() {
        BenchResult result = new BenchResult("q0", 10_000_000, 9_200_000, 2.5, "streaming", 4, 2, 8.0, 1 << 20, 1 << 10, null);
        assertThat(result.eventsPerSecond()).isEqualTo(4_000_000.0);
        assertThat(result.eventsPerCoreSecond()).isEqualTo(2_000_000.0);
        assertThat(result.eventsPerCpuSecond()).isEqualTo(1_250_000.0);
        assertThat(result.toJson()).isEqualTo("{\"query\":\"q0\",\"events\":10000000,\"mode\":\"streaming\",\"parallelism\":4,\"cores\":2,"
                + "\"rows_written\":9200000,\"elapsed_s\":2.500,\"events_per_s\":4000000,"
                + "\"events_per_core_s\":2000000,\"cpu_s\":8.000,\"events_per_cpu_s\":1250000,"
                + "\"peak_rss_bytes\":1048576,\"heap_peak_bytes\":1024}");
    }

    @Test
    void failuresCarryTheEscapedErrorInstead() {
        BenchResult result = BenchResult.failed("q5", 1000, "batch", 2, 2, "ERROR: \"HOP\" is not\nsupported \\ yet\u0001");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.toJson()).isEqualTo("{\"query\":\"q5\",\"events\":1000,\"mode\":\"batch\",\"parallelism\":2,\"cores\":2,"
                + "\"error\":\"ERROR: \\\"HOP\\\" is not\\nsupported \\\\ yet\\u0001\"}");
    }
}

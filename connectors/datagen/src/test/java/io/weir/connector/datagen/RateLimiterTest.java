package io.weir.connector.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void grantsAccumulatedRowsInChunks() {
        RateLimiter limiter = new RateLimiter(1000, nanos::get);
        assertThat(limiter.acquire(100)).isEqualTo(10);
        assertThat(limiter.acquire(100)).isZero();
        nanos.addAndGet(5_000_000);
        assertThat(limiter.acquire(100)).isZero();
        nanos.addAndGet(5_000_000);
        assertThat(limiter.acquire(100)).isEqualTo(10);
        nanos.addAndGet(50_000_000);
        assertThat(limiter.acquire(100)).isEqualTo(50);
    }

    @Test
    void burstIsCappedAtOneSecond() {
        RateLimiter limiter = new RateLimiter(1000, nanos::get);
        nanos.addAndGet(60_000_000_000L);
        assertThat(limiter.acquire(1_000_000)).isEqualTo(1000);
        assertThat(limiter.acquire(1_000_000)).isZero();
    }

    @Test
    void slowRatesStillMakeProgress() {
        RateLimiter limiter = new RateLimiter(0.5, nanos::get);
        assertThat(limiter.acquire(10)).isEqualTo(1);
        nanos.addAndGet(1_000_000_000L);
        assertThat(limiter.acquire(10)).isZero();
        nanos.addAndGet(1_000_000_000L);
        assertThat(limiter.acquire(10)).isEqualTo(1);
    }
}

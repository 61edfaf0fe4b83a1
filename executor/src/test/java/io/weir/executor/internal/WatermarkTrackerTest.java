package io.weir.executor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatermarkTrackerTest {
    @Test
    void isTheMinimumOverChannelsOnceEveryChannelHasSpoken() {
        WatermarkTracker tracker = new WatermarkTracker(2);
        assertThat(tracker.onWatermark(7, 100)).isFalse();
        assertThat(tracker.current()).isEqualTo(Long.MIN_VALUE);
        assertThat(tracker.onWatermark(8, 50)).isTrue();
        assertThat(tracker.current()).isEqualTo(50);
        assertThat(tracker.onWatermark(7, 200)).isFalse();
        assertThat(tracker.onWatermark(8, 150)).isTrue();
        assertThat(tracker.current()).isEqualTo(150);
    }

    @Test
    void onlyMovesForward() {
        WatermarkTracker tracker = new WatermarkTracker(1);
        assertThat(tracker.onWatermark(1, 100)).isTrue();
        assertThat(tracker.onWatermark(1, 40)).isFalse();
        assertThat(tracker.current()).isEqualTo(100);
    }

    @Test
    void anEndedChannelNoLongerHoldsTheWatermarkBack() {
        WatermarkTracker tracker = new WatermarkTracker(2);
        tracker.onWatermark(1, 10);
        assertThat(tracker.onEnd(2)).isTrue();
        assertThat(tracker.current()).isEqualTo(10);
        assertThat(tracker.onEnd(1)).isTrue();
        assertThat(tracker.current()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anIdleChannelIsLeftOutUntilItSendsAWatermarkAgain() {
        WatermarkTracker tracker = new WatermarkTracker(2);
        tracker.onWatermark(1, 10);
        assertThat(tracker.onIdle(2)).isTrue();
        assertThat(tracker.current()).isEqualTo(10);
        assertThat(tracker.onWatermark(1, 30)).isTrue();
        assertThat(tracker.current()).isEqualTo(30);
        assertThat(tracker.onWatermark(2, 20)).isFalse();
        assertThat(tracker.onWatermark(1, 50)).isFalse();
        assertThat(tracker.current()).isEqualTo(30);
        assertThat(tracker.onWatermark(2, 40)).isTrue();
        assertThat(tracker.current()).isEqualTo(40);
    }

    @Test
    void allChannelsIdleHoldTheWatermarkAndMakeTheSubtaskIdle() {
        WatermarkTracker tracker = new WatermarkTracker(2);
        assertThat(tracker.onIdle(1)).isFalse();
        assertThat(tracker.allIdle()).isFalse();
        assertThat(tracker.onIdle(2)).isFalse();
        assertThat(tracker.allIdle()).isTrue();
        assertThat(tracker.current()).isEqualTo(Long.MIN_VALUE);
    }
}

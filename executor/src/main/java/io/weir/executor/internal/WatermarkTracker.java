package io.weir.executor.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The input watermark of one consumer subtask: the minimum over its producer channels of the last
 * watermark each sent, where an ended channel counts as {@link Long#MAX_VALUE} and a channel that has
 * sent nothing yet holds the minimum at {@link Long#MIN_VALUE}, and an idle channel (one that said so
 * and has sent no watermark since) is left out. The result only moves forward.
 *
 * <p>Not thread-safe: the subtask's own thread uses it.
 */
public final class WatermarkTracker {
    private final int channels;
    private final Map<Long, Long> byChannel = new HashMap<>();
    private final Set<Long> idle = new HashSet<>();
    private long current = Long.MIN_VALUE;

    /** @param channels how many producer channels feed the subtask */
    public WatermarkTracker(int channels) {
        this.channels = channels;
    }

    /** Records {@code watermark} of {@code channel}; true when the combined watermark advanced. */
    public boolean onWatermark(long channel, long watermark) {
        idle.remove(channel);
        byChannel.merge(channel, watermark, Math::max);
        return advance();
    }

    /** The channel has ended and no longer holds the watermark back; true when the combined watermark advanced. */
    public boolean onEnd(long channel) {
        idle.remove(channel);
        byChannel.put(channel, Long.MAX_VALUE);
        return advance();
    }

    /** The channel went idle; true when the combined watermark advanced without it. */
    public boolean onIdle(long channel) {
        idle.add(channel);
        return advance();
    }

    /** Whether every channel that has not ended is idle (the subtask then is idle too). */
    public boolean allIdle() {
        return !idle.isEmpty() && idle.size() + ended() >= channels;
    }

    private long ended() {
        return byChannel.values().stream().filter(w -> w == Long.MAX_VALUE).count();
    }

    /** In words, what holds the combined watermark where it is. */
    public String status() {
        Set<Long> known = new HashSet<>(byChannel.keySet());
        known.addAll(idle);
        if (known.size() < channels) {
            return "waiting for a first watermark from " + (channels - known.size()) + " of " + channels + " inputs";
        }
        if (allIdle()) {
            return "every input is idle";
        }
        long slowest = Long.MAX_VALUE;
        long slowestChannel = -1;
        for (Map.Entry<Long, Long> channel : byChannel.entrySet()) {
            if (!idle.contains(channel.getKey()) && channel.getValue() < slowest) {
                slowest = channel.getValue();
                slowestChannel = channel.getKey();
            }
        }
        if (slowest == Long.MAX_VALUE) {
            return "every input has ended";
        }
        String from = "vertex " + (slowestChannel >>> 40) + " subtask " + (slowestChannel & 0xFFFFF);
        return "held by the slowest input (" + from + ")" + (idle.isEmpty() ? "" : "; " + idle.size() + " idle input(s) left out");
    }

    /** The combined watermark ({@link Long#MIN_VALUE} until every channel has sent one or ended). */
    public long current() {
        return current;
    }

    private boolean advance() {
        Set<Long> known = new HashSet<>(byChannel.keySet());
        known.addAll(idle);
        if (known.size() < channels) {
            return false;
        }
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (Map.Entry<Long, Long> channel : byChannel.entrySet()) {
            if (!idle.contains(channel.getKey())) {
                min = Math.min(min, channel.getValue());
                any = true;
            }
        }
        if (any && min > current) {
            current = min;
            return true;
        }
        return false;
    }
}

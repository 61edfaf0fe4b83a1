package io.weir.connector.nexmark;

import java.nio.charset.StandardCharsets;

/**
 * The text the generators draw from, as UTF-8 bytes so that values go into Arrow vectors without
 * a {@code String}: the pool of random letters that {@code extra} columns are slices of, the hot
 * and the 10,000 other channels with their URLs, and the name, city and state lists of the
 * published generator. Built once from a fixed seed, so every run and every split sees the same.
 * Immutable after class initialisation; the arrays must not be modified.
 */
final class TextPool {
    /** Slices of this many random letters make the {@code extra} columns. */
    static final int EXTRA_POOL_SIZE = 1 << 20;
    static final int MAX_EXTRA = EXTRA_POOL_SIZE / 2 - 1;
    /** Channels 0..3 are the hot ones (Google, Facebook, Baidu, Apple); 4.. are "channel-0".. . */
    static final int HOT_CHANNELS = 4;
    static final int COLD_CHANNELS = 10_000;

    static final byte[][] FIRST_NAMES = bytes("Peter,Paul,Luke,John,Saul,Vicky,Kate,Julie,Sarah,Deiter,Walter");
    static final byte[][] LAST_NAMES = bytes("Shultz,Abrams,Spencer,White,Bartels,Walton,Smith,Jones,Noris");
    static final byte[][] US_STATES = bytes("AZ,CA,ID,OR,WA,WY");
    static final byte[][] US_CITIES = bytes(
            "Phoenix,Los Angeles,San Francisco,Boise,Portland,Bend,Redmond,Seattle,Kent,Cheyenne");

    private static final byte[] EXTRA = new byte[EXTRA_POOL_SIZE];
    private static final byte[][] CHANNELS = new byte[HOT_CHANNELS + COLD_CHANNELS][];
    private static final byte[][] URLS = new byte[HOT_CHANNELS + COLD_CHANNELS][];

    static {
        EventRandom random = new EventRandom();
        random.reset(-1);
        for (int i = 0; i < EXTRA.length; i++) {
            EXTRA[i] = (byte) ('a' + random.nextInt(26));
        }
        byte[][] hot = bytes("Google,Facebook,Baidu,Apple");
        for (int i = 0; i < HOT_CHANNELS; i++) {
            CHANNELS[i] = hot[i];
            URLS[i] = baseUrl(random).getBytes(StandardCharsets.UTF_8);
        }
        for (int i = 0; i < COLD_CHANNELS; i++) {
            String url = baseUrl(random);
            if (random.nextInt(10) > 0) {
                url = url + "&channel_id=" + Math.abs(Integer.reverse(i));
            }
            CHANNELS[HOT_CHANNELS + i] = ("channel-" + i).getBytes(StandardCharsets.UTF_8);
            URLS[HOT_CHANNELS + i] = url.getBytes(StandardCharsets.UTF_8);
        }
    }

    private TextPool() {
    }

    static byte[] extraPool() {
        return EXTRA;
    }

    static byte[] channel(int index) {
        return CHANNELS[index];
    }

    static byte[] url(int index) {
        return URLS[index];
    }

    /**
     * The length of an {@code extra} value that brings an event of {@code currentSize} bytes to
     * {@code averageSize} on average (±20 %), as the published {@code nextExtra}; 0 when the event
     * is already larger.
     */
    static int extraLength(EventRandom random, int currentSize, int averageSize) {
        if (currentSize > averageSize) {
            return 0;
        }
        int desired = averageSize - currentSize;
        int delta = (int) Math.round(desired * 0.2);
        return desired - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
    }

    /** Where in {@link #extraPool()} an extra value of {@code length} letters starts. */
    static int extraOffset(EventRandom random, int length) {
        return random.nextInt(EXTRA_POOL_SIZE - length);
    }

    /**
     * Writes a random string of 3 to {@code maxLength - 1} letters, each a {@code special} with
     * probability 1/13, into {@code out} at {@code start}, without leading or trailing spaces (the
     * published {@code nextString}); returns its length. {@code out} must have room for {@code maxLength}.
     */
    static int randomString(EventRandom random, int maxLength, byte special, byte[] out, int start) {
        int length = 3 + random.nextInt(maxLength - 3);
        for (int i = 0; i < length; i++) {
            out[start + i] = random.nextInt(13) == 0 ? special : (byte) ('a' + random.nextInt(26));
        }
        int first = start;
        int end = start + length;
        while (first < end && out[first] == ' ') {
            first++;
        }
        while (end > first && out[end - 1] == ' ') {
            end--;
        }
        if (first > start) {
            System.arraycopy(out, first, out, start, end - first);
        }
        return end - first;
    }

    private static String baseUrl(EventRandom random) {
        byte[] part = new byte[8];
        StringBuilder url = new StringBuilder("https://www.nexmark.com/");
        for (int i = 0; i < 3; i++) {
            int length = randomString(random, 5, (byte) '_', part, 0);
            url.append(new String(part, 0, length, StandardCharsets.UTF_8)).append('/');
        }
        return url.append("item.htm?query=1").toString();
    }

    private static byte[][] bytes(String commaSeparated) {
        String[] values = commaSeparated.split(",");
        byte[][] result = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return result;
    }
}

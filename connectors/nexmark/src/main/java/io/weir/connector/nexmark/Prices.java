package io.weir.connector.nexmark;

/** Prices of bids and auctions, as the published {@code PriceGenerator}: log-uniform from 100 to 10^8. */
final class Prices {
    static final long MIN = 100L;
    static final long MAX = 100_000_000L;

    private Prices() {
    }

    static long next(EventRandom random) {
        return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
    }
}

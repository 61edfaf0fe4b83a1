/**
 * The {@code nexmark} connector: the events of the Nexmark benchmark (people, auctions, bids),
 * generated as the published generator does, one flat table per event type. Every event's values
 * depend only on its number in the global event sequence, so a table reads the same at any
 * parallelism and the ids a bid refers to match the auction and person tables of the same options.
 */
package io.weir.connector.nexmark;

/**
 * The {@code datagen} connector: generates random or sequential rows, bounded by
 * {@code number-of-rows} or by a sequence, or unbounded and paced by {@code rows-per-second}, with
 * Flink's option names and defaults. Values are written straight into the typed Arrow vectors.
 */
package io.weir.connector.datagen;

/** Columnar batches: how SQL types are laid out in Arrow vectors, and helpers to fill and read them. */
package io.weir.spi.batch;

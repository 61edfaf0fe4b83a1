/**
 * The connector SPI: factories found by ServiceLoader, typed options with validation, split-based
 * sources and two-phase-commit sinks. Depends on the JDK and Arrow only.
 */
package io.weir.spi.connector;

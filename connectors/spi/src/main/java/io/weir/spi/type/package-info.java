/** SQL types shared by the connector SPI, the executor and the planner, with no Calcite types. */
package io.weir.spi.type;

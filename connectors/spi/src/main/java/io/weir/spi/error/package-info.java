/** Error codes with their SQLSTATEs and the one exception type users see. */
package io.weir.spi.error;

package io.weir.spi.connector;

import java.io.Serializable;

/** Something a writer staged that its sink can make visible: a pending file, an open transaction. */
public interface Committable extends Serializable {
}

package io.weir.spi.connector;

import java.io.Serializable;

/** One independently readable part of a source's input: a file, a range of generated rows. */
public interface SourceSplit extends Serializable {
    /** Stable, unique within the source; used in logs and (later) in checkpoints. */
    String splitId();
}

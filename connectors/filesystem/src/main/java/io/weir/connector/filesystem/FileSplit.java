package io.weir.connector.filesystem;

import io.weir.spi.connector.SourceSplit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One file of a filesystem table, with the texts of its partition values taken from the directory
 * names above it (aligned with the table's partition keys; null for a missing or default partition).
 */
record FileSplit(String splitId, String path, List<String> partitionValues) implements SourceSplit {
    FileSplit {
        // copied by hand: List.copyOf rejects the nulls that stand for NULL partition values
        partitionValues = Collections.unmodifiableList(new ArrayList<>(partitionValues));
    }
}

package io.weir.connector.print;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.Committable;
import io.weir.spi.connector.SinkContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.TableSink;
import io.weir.spi.type.RowType;
import java.io.PrintStream;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Prints rows as they arrive; nothing to commit. Each line is prefixed as in Flink's
 * {@code PrintSinkOutputWriter}: {@code <identifier>:<subtask>> } with an identifier and more than
 * one subtask, {@code <identifier>> } with an identifier only, {@code <subtask>> } with several
 * subtasks only, nothing otherwise; the subtask is numbered from 1.
 */
final class PrintSink implements TableSink {
    private final RowType schema;
    private final String identifier;
    private final PrintStream stream;

    PrintSink(RowType schema, String identifier, PrintStream stream) {
        this.schema = requireNonNull(schema, "schema is null");
        this.identifier = identifier;
        this.stream = requireNonNull(stream, "stream is null");
    }

    @Override
    public SinkWriter createWriter(SinkContext context) {
        return new PrintWriter(prefix(identifier, context.subtaskIndex(), context.parallelism()));
    }

    @Override
    public boolean acceptsChangelog() {
        return true;
    }

    static String prefix(String identifier, int subtaskIndex, int parallelism) {
        boolean named = identifier != null && !identifier.isEmpty();
        if (parallelism > 1) {
            return (named ? identifier + ":" : "") + (subtaskIndex + 1) + "> ";
        }
        return named ? identifier + "> " : "";
    }

    /** Formats a batch into one string and prints it with a single call, so lines of subtasks do not interleave. */
    private final class PrintWriter implements SinkWriter {
        private final String prefix;
        private final RowFormatter formatter = new RowFormatter(schema);
        private final StringBuilder text = new StringBuilder();

        PrintWriter(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void write(VectorSchemaRoot batch) {
            text.setLength(0);
            for (int row = 0; row < batch.getRowCount(); row++) {
                text.append(prefix);
                formatter.append(text, batch, row);
                text.append(System.lineSeparator());
            }
            stream.print(text);
            stream.flush();
        }

        @Override
        public List<Committable> prepareCommit() {
            return List.of();
        }

        @Override
        public void close() {
            stream.flush();
        }
    }
}

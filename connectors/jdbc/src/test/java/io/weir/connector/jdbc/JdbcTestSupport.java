package io.weir.connector.jdbc;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.batch.RowKind;
import io.weir.spi.connector.Options;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SinkWriter;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.SourceSplit;
import io.weir.spi.connector.TableContext;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.RowType;
import io.weir.testing.PostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Helpers of the jdbc connector's tests: table contexts, reading a source, writing changes, asking PostgreSQL. */
final class JdbcTestSupport {
    static final JdbcTableFactory FACTORY = new JdbcTableFactory();

    private JdbcTestSupport() {
    }

    /** The options of a jdbc table on {@code cluster}'s database {@code postgres}, plus {@code extra}. */
    static Map<String, String> options(PostgresCluster cluster, String table, Map<String, String> extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("url", cluster.jdbcUrl("postgres"));
        options.put("table-name", table);
        options.put("username", "postgres");
        options.putAll(extra);
        return options;
    }

    /** Validates the options as the engine does and returns the connector's view of the table. */
    static TableContext context(String name, RowType schema, Map<String, String> options, List<String> primaryKey) {
        Options validated = Options.validate(name, "jdbc", options, FACTORY.options());
        TableContext context = new TableContext(name, schema, validated, List.of(), List.of(), primaryKey);
        FACTORY.validate(context);
        return context;
    }

    /** Every row of every split, and how many splits there were. */
    static List<Object[]> readAll(TableSource source, RowType schema, BufferAllocator allocator, int[] splitCount) {
        List<Object[]> rows = new ArrayList<>();
        List<SourceSplit> splits = source.planSplits(2);
        splitCount[0] = splits.size();
        for (SourceSplit split : splits) {
            try (SourceReader reader = source.createReader(split, new ReaderContext("job", 0, 1))) {
                SourceReader.ReadStatus status;
                do {
                    try (VectorSchemaRoot root = ArrowTypes.allocate(schema, allocator)) {
                        BatchBuilder builder = new BatchBuilder(root, 256);
                        status = reader.read(builder);
                        VectorSchemaRoot batch = builder.finish();
                        for (int row = 0; row < batch.getRowCount(); row++) {
                            Object[] values = new Object[schema.size()];
                            for (int column = 0; column < values.length; column++) {
                                values[column] = BatchValues.get(batch.getVector(column), row);
                            }
                            rows.add(values);
                        }
                    }
                } while (status != SourceReader.ReadStatus.END);
            }
        }
        return rows;
    }

    /** A change for {@link #write}: a row kind and the row's values. */
    record Change(RowKind kind, Object... values) {
    }

    /** Writes {@code changes} as one changelog batch. */
    static void write(SinkWriter writer, RowType schema, List<Change> changes, BufferAllocator allocator) {
        RowType type = RowKind.withRowKind(schema);
        try (VectorSchemaRoot root = ArrowTypes.allocate(type, allocator)) {
            for (int row = 0; row < changes.size(); row++) {
                Change change = changes.get(row);
                for (int column = 0; column < schema.size(); column++) {
                    BatchValues.set(root.getVector(column), row, change.values()[column]);
                }
                BatchValues.set(root.getVector(schema.size()), row, change.kind().toByteValue());
            }
            root.setRowCount(changes.size());
            writer.write(root);
        }
    }

    static Connection connect(PostgresCluster cluster) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl("postgres"), "postgres", "");
    }

    static void execute(PostgresCluster cluster, String... statements) throws SQLException {
        try (Connection connection = connect(cluster); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The rows of {@code sql}, each as its columns' {@code getString} values joined by {@code |}. */
    static List<String> query(PostgresCluster cluster, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(cluster); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : "|").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}

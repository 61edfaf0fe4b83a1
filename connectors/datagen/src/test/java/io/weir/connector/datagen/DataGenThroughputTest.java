package io.weir.connector.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.spi.batch.ArrowTypes;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.connector.ReaderContext;
import io.weir.spi.connector.SourceReader;
import io.weir.spi.connector.TableSource;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** A smoke check of the hot path's speed (not a benchmark: it only prints the rate). */
class DataGenThroughputTest {
    @Test
    void generatesBigintsQuickly() {
        RowType schema = new RowType(List.of(new Field("id", DataType.of(TypeKind.BIGINT)),
                new Field("v", DataType.of(TypeKind.INT))));
        TableSource source = DataGenTestSupport.source(schema, Map.of("number-of-rows", "20000000",
                "fields.id.kind", "sequence", "fields.id.start", "1", "fields.id.end", "20000000"));
        long rows = 0;
        long start = System.nanoTime();
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = ArrowTypes.allocate(schema, allocator);
                SourceReader reader = source.createReader(source.planSplits(1).get(0), new ReaderContext("j", 0, 1))) {
            SourceReader.ReadStatus status;
            do {
                BatchBuilder builder = new BatchBuilder(root, 8192);
                status = reader.read(builder);
                rows += builder.finish().getRowCount();
            } while (status != SourceReader.ReadStatus.END);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("datagen: %d rows in %.2f s = %.1f M rows/s%n", rows, seconds, rows / seconds / 1e6);
        assertThat(rows).isEqualTo(20_000_000L);
    }
}

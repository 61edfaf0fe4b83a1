package io.weir.executor.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.executor.codegen.CalcCompiler;
import io.weir.executor.internal.Batches;
import io.weir.executor.plan.Expr;
import io.weir.executor.plan.WatermarkSpec;
import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatermarkGeneratorTest {
    private static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    private static final RowType ROW = new RowType(List.of(new Field("ts", TIMESTAMP)));
    /** ts - 5 ms. */
    private static final Expr WATERMARK = new Expr.Call("-", List.of(new Expr.InputRef(0, TIMESTAMP),
            new Expr.Literal(5L, DataType.of(TypeKind.INTERVAL_DAY_TIME))), TIMESTAMP);

    private final BufferAllocator allocator = new RootAllocator();
    private final List<String> out = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1000);

    @AfterEach
    void close() {
        allocator.close();
    }

    private WatermarkGenerator generator(boolean onEvent) {
        return generator(onEvent, 0);
    }

    private WatermarkGenerator generator(boolean onEvent, long idleTimeout) {
        WatermarkSpec spec = new WatermarkSpec(0, WATERMARK, onEvent, 200, idleTimeout);
        return new WatermarkGenerator(spec, CalcCompiler.instantiate(CalcCompiler.compile(ROW, List.of(WATERMARK), null,
                WatermarkGenerator.RESULT_TYPE)), allocator, new Output() {
                    @Override
                    public void emit(VectorSchemaRoot batch) {
                        try (batch) {
                            List<String> rows = new ArrayList<>();
                            TimeStampVector ts = (TimeStampVector) batch.getVector(0);
                            for (int r = 0; r < batch.getRowCount(); r++) {
                                rows.add(ts.isNull(r) ? "null" : String.valueOf(ts.get(r)));
                            }
                            out.add(rows.toString());
                        }
                    }

                    @Override
                    public void emitWatermark(long watermark) {
                        out.add("wm " + watermark);
                    }

                    @Override
                    public void markIdle() {
                        out.add("idle");
                    }

                    @Override
                    public void finish() {
                    }
                }, clock::get);
    }

    private VectorSchemaRoot batch(Long... times) {
        VectorSchemaRoot root = Batches.allocate(ROW, allocator, times.length);
        BatchBuilder builder = new BatchBuilder(root, times.length);
        for (Long time : times) {
            builder.append(new Object[] {time});
        }
        return builder.finish();
    }

    @Test
    void onEventCutsTheBatchAfterEveryRowThatAdvancesTheWatermark() {
        WatermarkGenerator generator = generator(true);
        generator.emit(batch(10L, 20L, 12L, null, 20L, 30L, 1L));
        generator.finish();
        assertThat(out).containsExactly("[10]", "wm 5", "[20]", "wm 15", "[12, null, 20, 30]", "wm 25", "[1]",
                "wm " + Long.MAX_VALUE);
    }

    @Test
    void periodicEmitsTheLargestSoFarAtMostEveryInterval() {
        WatermarkGenerator generator = generator(false);
        generator.emit(batch(10L, 30L, 20L));
        assertThat(out).containsExactly("[10, 30, 20]");
        clock.addAndGet(199);
        generator.tick();
        assertThat(out).hasSize(1);
        clock.addAndGet(1);
        generator.tick();
        assertThat(out).containsExactly("[10, 30, 20]", "wm 25");
        generator.emit(batch(40L));
        clock.addAndGet(500);
        generator.tick();
        generator.tick();
        assertThat(out).containsExactly("[10, 30, 20]", "wm 25", "[40]", "wm 35");
    }

    @Test
    void withoutAWatermarkOnlyTheFinalOneIsEmitted() {
        WatermarkGenerator generator = new WatermarkGenerator(null, null, allocator, new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                out.add("rows " + batch.getRowCount());
                batch.close();
            }

            @Override
            public void emitWatermark(long watermark) {
                out.add("wm " + watermark);
            }

            @Override
            public void finish() {
            }
        }, clock::get);
        generator.emit(batch(1L, 2L));
        generator.finish();
        generator.finish();
        assertThat(out).containsExactly("rows 2", "wm " + Long.MAX_VALUE);
    }

    @Test
    void goesIdleAfterTheTimeoutWithoutRowsAndComesBackWithItsWatermark() {
        WatermarkGenerator generator = generator(true, 1000);
        generator.emit(batch(10L));
        clock.addAndGet(999);
        generator.tick();
        assertThat(out).containsExactly("[10]", "wm 5");
        clock.addAndGet(1);
        generator.tick();
        generator.tick();
        assertThat(out).containsExactly("[10]", "wm 5", "idle");
        generator.emit(batch(8L));
        assertThat(out).containsExactly("[10]", "wm 5", "idle", "wm 5", "[8]");
    }
}

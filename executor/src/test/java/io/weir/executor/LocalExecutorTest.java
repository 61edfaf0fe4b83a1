package io.weir.executor;

import static io.weir.executor.testing.Plans.call;
import static io.weir.executor.testing.Plans.literal;
import static io.weir.executor.testing.Plans.ref;
import static io.weir.executor.testing.Plans.row;
import static io.weir.executor.testing.Plans.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.executor.plan.AggregateCall;
import io.weir.executor.plan.AggregateFunction;
import io.weir.executor.plan.AggregateMode;
import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.CalcSpec;
import io.weir.executor.plan.CollectSpec;
import io.weir.executor.plan.ExchangeKind;
import io.weir.executor.plan.JobGraph;
import io.weir.executor.plan.SortSpec;
import io.weir.executor.plan.UnionSpec;
import io.weir.executor.plan.ValuesSpec;
import io.weir.executor.testing.FakeConnector;
import io.weir.executor.testing.Plans;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalExecutorTest {
    private static final DataType INT = type(TypeKind.INT);
    private static final DataType BIGINT = type(TypeKind.BIGINT);
    private static final DataType STRING = type(TypeKind.STRING);
    private static final DataType BOOLEAN = type(TypeKind.BOOLEAN);
    private static final DataType DOUBLE = type(TypeKind.DOUBLE);
    private static final DataType DEC = DataType.decimal(10, 2);
    private static final RowType ORDERS = row("id", INT, "city", STRING, "fare", DEC, "km", DOUBLE);

    private FakeConnector fake;
    private LocalExecutor executor;

    @BeforeEach
    void setUp() {
        fake = new FakeConnector();
        List<Object[]> orders = new ArrayList<>();
        String[] cities = {"oslo", "bergen", null, "tromsø"};
        for (int i = 0; i < 1000; i++) {
            orders.add(new Object[] {i, cities[i % 4], i % 7 == 0 ? null : new BigDecimal(i).movePointLeft(1).setScale(2),
                    i % 5 == 0 ? null : i * 0.5});
        }
        fake.register("orders", orders);
        fake.register("empty", List.of());
        executor = new LocalExecutor(new ExecutorConfig(4, 100, 256L << 20), ConnectorRegistry.of(List.of(fake)));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        executor.close();
        assertThat(executor.allocatedBytes()).isZero();
        assertThat(liveTaskThreads()).isZero();
    }

    private static List<Object[]> collect(JobHandle job) throws InterruptedException {
        List<Object[]> rows = new ArrayList<>();
        try (ResultIterator results = job.results()) {
            results.forEachRemaining(rows::add);
        }
        assertThat(job.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        return rows;
    }

    private static long liveTaskThreads() throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            long count = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("weir-task")).count();
            if (count == 0) {
                return 0;
            }
            Thread.sleep(20);
        }
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("weir-task")).count();
    }

    @Test
    void calcFiltersAndProjectsWithNulls() throws Exception {
        Plans plan = new Plans();
        int source = plan.vertex("source", 2, Plans.source("orders", ORDERS, Map.of("splits", "3")), ORDERS);
        // WHERE id < 8 AND (city <> 'bergen' OR city IS NULL)
        var condition = call("AND", BOOLEAN,
                call("<", BOOLEAN, ref(0, INT), literal(8, INT)),
                call("OR", BOOLEAN, call("<>", BOOLEAN, ref(1, STRING), literal("bergen", STRING)),
                        call("IS NULL", BOOLEAN, ref(1, STRING))));
        RowType out = row("id", INT, "label", STRING, "fare2", DataType.decimal(12, 2), "kind", STRING, "idtext", STRING);
        CalcSpec calc = new CalcSpec(List.of(
                ref(0, INT),
                call("UPPER", STRING, call("COALESCE", STRING, ref(1, STRING), literal("none", STRING))),
                call("*", DataType.decimal(12, 2), ref(2, DEC), literal(new BigDecimal("2"), DataType.decimal(1, 0))),
                call("CASE", STRING, call(">", BOOLEAN, ref(3, DOUBLE), literal(2.0, DOUBLE)), literal("far", STRING),
                        call("IS NULL", BOOLEAN, ref(3, DOUBLE)), literal(null, STRING), literal("near", STRING)),
                call("CAST", STRING, ref(0, INT))), condition);
        int calcId = plan.vertex("calc", 2, calc, out);
        int collect = plan.vertex("collect", 1, new CollectSpec(), out);
        plan.edge(source, calcId, ExchangeKind.FORWARD).edge(calcId, collect, ExchangeKind.GATHER);

        JobHandle job = executor.submit("calc", plan.build());
        List<Object[]> rows = collect(job);
        rows.sort(Comparator.comparing(r -> (Integer) r[0]));

        assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(rows).extracting(r -> r[0]).containsExactly(0, 2, 3, 4, 6, 7);
        assertThat(rows.get(0)).containsExactly(0, "OSLO", null, null, "0");
        assertThat(rows.get(1)).containsExactly(2, "NONE", new BigDecimal("0.40"), "near", "2");
        assertThat(rows.get(2)).containsExactly(3, "TROMSØ", new BigDecimal("0.60"), "near", "3");
        assertThat(rows.get(5)).containsExactly(7, "TROMSØ", null, "far", "7");
        assertThat(job.metrics().get(source).rowsOut()).isEqualTo(1000);
        assertThat(job.metrics().get(calcId).rowsOut()).isEqualTo(6);
    }

    @Test
    void calcErrorFailsJobWithUserError() throws Exception {
        Plans plan = new Plans();
        int source = plan.vertex("source", 1, Plans.source("orders", ORDERS, Map.of()), ORDERS);
        RowType out = row("x", INT);
        int calc = plan.vertex("calc", 1, new CalcSpec(List.of(call("/", INT, literal(1, INT),
                call("-", INT, ref(0, INT), literal(5, INT)))), null), out);
        int collect = plan.vertex("collect", 1, new CollectSpec(), out);
        plan.edge(source, calc, ExchangeKind.FORWARD).edge(calc, collect, ExchangeKind.FORWARD);

        JobHandle job = executor.submit("div", plan.build());
        assertThatThrownBy(() -> collect(job)).isInstanceOf(WeirException.class)
                .satisfies(e -> assertThat(((WeirException) e).code()).isEqualTo(ErrorCode.DIVISION_BY_ZERO));
        assertThat(job.awaitTermination()).isEqualTo(JobStatus.FAILED);
    }

    private JobGraph aggregation(int parallelism, boolean twoPhase) {
        Plans plan = new Plans();
        int source = plan.vertex("source", parallelism, Plans.source("orders", ORDERS, Map.of("splits", "4")), ORDERS);
        List<AggregateCall> calls = List.of(
                new AggregateCall(AggregateFunction.COUNT, List.of(), false, BIGINT, "n"),
                new AggregateCall(AggregateFunction.COUNT, List.of(2), false, BIGINT, "nfare"),
                new AggregateCall(AggregateFunction.SUM, List.of(2), false, DataType.decimal(38, 2), "sum"),
                new AggregateCall(AggregateFunction.MIN, List.of(3), false, DOUBLE, "min"),
                new AggregateCall(AggregateFunction.MAX, List.of(0), false, INT, "max"),
                new AggregateCall(AggregateFunction.AVG, List.of(2), false, DataType.decimal(38, 4), "avg"),
                new AggregateCall(AggregateFunction.AVG, List.of(3), false, DOUBLE, "avgkm"));
        RowType result = row("city", STRING, "n", BIGINT, "nfare", BIGINT, "sum", DataType.decimal(38, 2), "min", DOUBLE,
                "max", INT, "avg", DataType.decimal(38, 4), "avgkm", DOUBLE);
        int collect;
        if (!twoPhase) {
            int agg = plan.vertex("agg", 1, new AggregateSpec(List.of(1), calls, AggregateMode.SINGLE), result);
            collect = plan.vertex("collect", 1, new CollectSpec(), result);
            plan.edge(source, agg, ExchangeKind.GATHER).edge(agg, collect, ExchangeKind.FORWARD);
            return plan.build();
        }
        RowType partialType = row("city", STRING, "n", BIGINT, "nfare", BIGINT, "sum", DataType.decimal(38, 2),
                "min", DOUBLE, "max", INT, "avg_sum", DataType.decimal(38, 2), "avg_count", BIGINT,
                "avgkm_sum", DOUBLE, "avgkm_count", BIGINT);
        int partial = plan.vertex("partial", parallelism, new AggregateSpec(List.of(1), calls, AggregateMode.PARTIAL),
                partialType);
        int fin = plan.vertex("final", parallelism, new AggregateSpec(List.of(0), calls, AggregateMode.FINAL), result);
        collect = plan.vertex("collect", 1, new CollectSpec(), result);
        plan.edge(source, partial, ExchangeKind.FORWARD).edge(partial, fin, ExchangeKind.HASH, 0)
                .edge(fin, collect, ExchangeKind.GATHER);
        return plan.build();
    }

    @Test
    void twoPhaseAggregationMatchesSingleAtAnyParallelism() throws Exception {
        List<String> single = sorted(collect(executor.submit("single", aggregation(1, false))));
        assertThat(single).hasSize(4);
        assertThat(sorted(collect(executor.submit("two1", aggregation(1, true))))).isEqualTo(single);
        assertThat(sorted(collect(executor.submit("two3", aggregation(3, true))))).isEqualTo(single);
        assertThat(single.get(0)).isEqualTo("[bergen, 250, 215, 10735.50, 0.5, 997, 49.9326, 250.0]");
    }

    private static List<String> sorted(List<Object[]> rows) {
        return rows.stream().map(Arrays::toString).sorted().toList();
    }

    @Test
    void countDistinctAndEmptyGlobalAggregate() throws Exception {
        Plans plan = new Plans();
        int source = plan.vertex("source", 2, Plans.source("orders", ORDERS, Map.of("splits", "2")), ORDERS);
        RowType result = row("cities", BIGINT, "n", BIGINT);
        int agg = plan.vertex("agg", 1, new AggregateSpec(List.of(), List.of(
                new AggregateCall(AggregateFunction.COUNT, List.of(1), true, BIGINT, "cities"),
                new AggregateCall(AggregateFunction.COUNT, List.of(), false, BIGINT, "n")), AggregateMode.SINGLE), result);
        int collect = plan.vertex("collect", 1, new CollectSpec(), result);
        plan.edge(source, agg, ExchangeKind.GATHER).edge(agg, collect, ExchangeKind.FORWARD);
        assertThat(sorted(collect(executor.submit("distinct", plan.build())))).containsExactly("[3, 1000]");

        Plans empty = new Plans();
        int emptySource = empty.vertex("source", 1, Plans.source("empty", ORDERS, Map.of()), ORDERS);
        RowType emptyResult = row("n", BIGINT, "s", DataType.decimal(38, 2), "m", INT);
        int emptyAgg = empty.vertex("agg", 1, new AggregateSpec(List.of(), List.of(
                new AggregateCall(AggregateFunction.COUNT, List.of(), false, BIGINT, "n"),
                new AggregateCall(AggregateFunction.SUM, List.of(2), false, DataType.decimal(38, 2), "s"),
                new AggregateCall(AggregateFunction.MAX, List.of(0), false, INT, "m")), AggregateMode.SINGLE), emptyResult);
        int emptyCollect = empty.vertex("collect", 1, new CollectSpec(), emptyResult);
        empty.edge(emptySource, emptyAgg, ExchangeKind.FORWARD).edge(emptyAgg, emptyCollect, ExchangeKind.FORWARD);
        assertThat(sorted(collect(executor.submit("empty", empty.build())))).containsExactly("[0, null, null]");
    }

    @Test
    void sortsWithNullsDescendingAndOffsetFetch() throws Exception {
        Plans plan = new Plans();
        int source = plan.vertex("source", 3, Plans.source("orders", ORDERS, Map.of("splits", "3")), ORDERS);
        int sort = plan.vertex("sort", 1, new SortSpec(List.of(new SortSpec.SortKey(2, true, true),
                new SortSpec.SortKey(0, false, false)), 5, 4), ORDERS);
        int collect = plan.vertex("collect", 1, new CollectSpec(), ORDERS);
        plan.edge(source, sort, ExchangeKind.GATHER).edge(sort, collect, ExchangeKind.FORWARD);
        List<Object[]> rows = collect(executor.submit("sort", plan.build()));
        // 143 NULL fares come first (ids 0, 7, 14, ...): skip 5, take 4
        assertThat(rows).extracting(r -> r[0]).containsExactly(35, 42, 49, 56);

        Plans top = new Plans();
        int topSource = top.vertex("source", 1, Plans.source("orders", ORDERS, Map.of()), ORDERS);
        int topSort = top.vertex("sort", 1, new SortSpec(List.of(new SortSpec.SortKey(2, true, false)), 0, 2), ORDERS);
        int topCollect = top.vertex("collect", 1, new CollectSpec(), ORDERS);
        top.edge(topSource, topSort, ExchangeKind.FORWARD).edge(topSort, topCollect, ExchangeKind.FORWARD);
        assertThat(collect(executor.submit("top", top.build()))).extracting(r -> r[0]).containsExactly(999, 998);
    }

    @Test
    void limitOverUnboundedSourceFinishesTheJob() throws Exception {
        RowType ids = row("id", BIGINT);
        Plans plan = new Plans();
        int source = plan.vertex("source", 2, Plans.source(null, ids, Map.of("unbounded", "true", "splits", "2")), ids);
        int limit = plan.vertex("limit", 1, new SortSpec(List.of(), 3, 10), ids);
        int collect = plan.vertex("collect", 1, new CollectSpec(), ids);
        plan.edge(source, limit, ExchangeKind.GATHER).edge(limit, collect, ExchangeKind.FORWARD);
        JobHandle job = executor.submit("limit", plan.build());
        assertThat(collect(job)).hasSize(10);
        assertThat(job.awaitTermination()).isEqualTo(JobStatus.FINISHED);
        assertThat(job.failure()).isEmpty();
        assertThat(fake.openReaders()).isZero();
    }

    @Test
    void unionOfValuesAndSource() throws Exception {
        RowType type = row("id", INT, "city", STRING);
        Plans plan = new Plans();
        int values = plan.vertex("values", 1, new ValuesSpec(List.of(Arrays.asList(-1, "x"), Arrays.asList(-2, null))), type);
        int source = plan.vertex("source", 2, Plans.source("orders", ORDERS, Map.of("splits", "2")), ORDERS);
        int project = plan.vertex("project", 2, new CalcSpec(List.of(ref(0, INT), ref(1, STRING)),
                call("<", BOOLEAN, ref(0, INT), literal(3, INT))), type);
        int union = plan.vertex("union", 1, new UnionSpec(2), type);
        int collect = plan.vertex("collect", 1, new CollectSpec(), type);
        plan.edge(values, union, 0, ExchangeKind.GATHER).edge(source, project, ExchangeKind.FORWARD)
                .edge(project, union, 1, ExchangeKind.GATHER).edge(union, collect, ExchangeKind.FORWARD);
        assertThat(sorted(collect(executor.submit("union", plan.build()))))
                .containsExactly("[-1, x]", "[-2, null]", "[0, oslo]", "[1, bergen]", "[2, null]");
    }

    @Test
    void sinkCommitsAtEndOfInput() throws Exception {
        Plans plan = new Plans();
        int source = plan.vertex("source", 2, Plans.source("orders", ORDERS, Map.of("splits", "5")), ORDERS);
        int sink = plan.vertex("sink", 3, Plans.sink("out", ORDERS, Map.of()), ORDERS);
        plan.edge(source, sink, ExchangeKind.HASH, 1);
        JobHandle job = executor.submit("insert", plan.build());
        assertThat(job.awaitTermination()).isEqualTo(JobStatus.FINISHED);
        assertThat(job.rowsWritten()).isEqualTo(1000);
        assertThat(fake.committed("out")).hasSize(1000);
        assertThat(fake.aborted()).isEmpty();
        assertThat(fake.openWriters()).isZero();
    }

    @Test
    void failingSourceAbortsSinks() throws Exception {
        Plans plan = new Plans();
        int source = plan.vertex("source", 2, Plans.source("orders", ORDERS, Map.of("splits", "2", "fail-after", "300")),
                ORDERS);
        int sink = plan.vertex("sink", 1, Plans.sink("out", ORDERS, Map.of()), ORDERS);
        plan.edge(source, sink, ExchangeKind.GATHER);
        JobHandle job = executor.submit("failing", plan.build());
        assertThat(job.awaitTermination()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failure()).get().isInstanceOf(WeirException.class);
        assertThat(job.failure().get()).hasMessageContaining("internal error in source: boom");
        assertThat(fake.committed("out")).isEmpty();
        assertThat(fake.openReaders()).isZero();
        assertThat(fake.openWriters()).isZero();
        assertThat(executor.allocatedBytes()).isZero();
    }

    @Test
    void unknownConnectorFailsAtSubmit() throws Exception {
        Plans plan = new Plans();
        plan.vertex("source", 1, new io.weir.executor.plan.SourceSpec("t", "nope", Map.of(), ORDERS, List.of()), ORDERS);
        JobHandle job = executor.submit("bad", plan.build());
        assertThat(job.awaitTermination()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failure().get()).hasMessage("Unknown connector 'nope'; available connectors: fake");
    }

    @Test
    void cancelStopsUnboundedJobAndReleasesEverything() throws Exception {
        RowType ids = row("id", BIGINT);
        Plans plan = new Plans();
        int source = plan.vertex("source", 3, Plans.source(null, ids, Map.of("unbounded", "true", "splits", "3")), ids);
        int calc = plan.vertex("calc", 3, new CalcSpec(List.of(call("+", BIGINT, ref(0, BIGINT), literal(1L, BIGINT))),
                null), ids);
        int sink = plan.vertex("sink", 2, Plans.sink("endless", ids, Map.of()), ids);
        plan.edge(source, calc, ExchangeKind.FORWARD).edge(calc, sink, ExchangeKind.REBALANCE);
        JobHandle job = executor.submit("endless", plan.build());
        Thread.sleep(300);
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.metrics().get(sink).rowsIn()).isPositive();
        job.cancel();
        assertThat(job.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(job.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(liveTaskThreads()).isZero();
        assertThat(executor.allocatedBytes()).isZero();
        assertThat(fake.openReaders()).isZero();
        assertThat(fake.openWriters()).isZero();
        assertThat(fake.committed("endless")).isEmpty();
    }

    @Test
    void slowSinkBackPressuresTheSource() throws Exception {
        RowType ids = row("id", BIGINT);
        Plans plan = new Plans();
        int source = plan.vertex("source", 2, Plans.source(null, ids, Map.of("unbounded", "true", "splits", "2")), ids);
        int sink = plan.vertex("sink", 1, Plans.sink("slow", ids, Map.of("write-delay-ms", "20")), ids);
        plan.edge(source, sink, ExchangeKind.GATHER);
        JobHandle job = executor.submit("slow", plan.build());
        long peak = 0;
        for (int i = 0; i < 40; i++) {
            Thread.sleep(25);
            peak = Math.max(peak, executor.allocatedBytes());
        }
        long produced = job.metrics().get(source).rowsOut();
        long consumed = job.metrics().get(sink).rowsIn();
        job.cancel();
        job.awaitTermination();
        // 100-row batches: the gate holds 8, each producer one in hand; far below what 1 s of free running makes
        assertThat(produced - consumed).isLessThanOrEqualTo(12 * 100);
        assertThat(peak).isLessThan(4L << 20);
    }
}

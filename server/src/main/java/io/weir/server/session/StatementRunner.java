package io.weir.server.session;

import static java.util.Objects.requireNonNull;

import io.weir.executor.JobStatus;
import io.weir.executor.ResultIterator;
import io.weir.executor.plan.AggregateSpec;
import io.weir.executor.plan.SortSpec;
import io.weir.parser.ParsedStatement;
import io.weir.parser.tcl.SqlCloseCursor;
import io.weir.parser.tcl.SqlFetch;
import io.weir.parser.tcl.SqlDeclareCursor;
import io.weir.parser.dql.SqlSubscribe;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.parser.ddl.SqlCreateView;
import io.weir.parser.ddl.SqlDropTable;
import io.weir.parser.ddl.SqlDropView;
import io.weir.parser.ddl.SqlCreateFunction;
import io.weir.parser.ddl.SqlDropFunction;
import io.weir.parser.ddl.SqlReset;
import io.weir.parser.ddl.SqlSet;
import io.weir.parser.ddl.SqlStopJob;
import io.weir.parser.dql.SqlDescribeTable;
import io.weir.parser.dql.SqlExplainStatement;
import io.weir.parser.dql.SqlShowCreate;
import io.weir.parser.dql.SqlShowJobs;
import io.weir.parser.dql.SqlShowTables;
import io.weir.parser.dql.SqlShowVariable;
import io.weir.parser.dql.SqlShowFunctions;
import io.weir.parser.dql.SqlShowViews;
import io.weir.planner.Planner;
import io.weir.planner.QueryPlan;
import io.weir.planner.SessionOptions;
import io.weir.planner.ddl.DdlExecutor;
import io.weir.server.job.JobInfo;
import io.weir.server.job.JobManager;
import io.weir.server.pgwire.ResultSink;
import io.weir.server.pgwire.RowWriter;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * Runs one parsed statement of a session and reports its result: DDL through the planner's
 * {@link DdlExecutor}, queries and INSERTs as jobs, session and job management here.
 */
final class StatementRunner {
    private static final DataType STRING = DataType.of(TypeKind.STRING);

    private final Planner planner;
    private final DdlExecutor ddl;
    private final JobManager jobs;
    private final MaterializedViews views;
    private final io.weir.server.auth.UserStore users;

    StatementRunner(Planner planner, JobManager jobs) {
        this(planner, jobs, null);
    }

    StatementRunner(Planner planner, JobManager jobs, io.weir.server.auth.UserStore users) {
        this.users = users;
        this.planner = requireNonNull(planner, "planner is null");
        this.ddl = new DdlExecutor(planner);
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.views = new MaterializedViews(planner, jobs);
    }

    Planner planner() {
        return planner;
    }

    /** {@code text} is the whole Query message the statement's parser positions refer to. */
    void run(ParsedStatement statement, String text, SessionState state, ResultSink sink) {
        SqlNode node = statement.node();
        if (node instanceof SqlCreateTable create) {
            ddl.createTable(create, text);
            sink.command("CREATE TABLE");
        } else if (node instanceof SqlCreateView create) {
            boolean created = ddl.createView(create, text);
            if (created && create.materialized()) {
                startView(create, state);
            }
            sink.command(create.materialized() ? "CREATE MATERIALIZED VIEW" : "CREATE VIEW");
        } else if (node instanceof SqlCreateFunction create) {
            ddl.createFunction(create);
            sink.command("CREATE FUNCTION");
        } else if (node instanceof SqlDropFunction drop) {
            ddl.dropFunction(drop);
            sink.command("DROP FUNCTION");
        } else if (node instanceof SqlShowFunctions show) {
            rows(sink, List.of("function name"), ddl.functionNames(show.userOnly()).stream()
                    .map(n -> new Object[] {n}).toList(), "SHOW");
        } else if (node instanceof SqlDropTable drop) {
            ddl.dropTable(drop);
            sink.command("DROP TABLE");
        } else if (node instanceof SqlDropView drop) {
            if (drop.materialized()) {
                views.stop(drop.name().getSimple());
            }
            ddl.dropView(drop);
            sink.command(drop.materialized() ? "DROP MATERIALIZED VIEW" : "DROP VIEW");
        } else if (node instanceof SqlShowTables) {
            rows(sink, List.of("table name"), ddl.tableNames().stream().map(n -> new Object[] {n}).toList(), "SHOW");
        } else if (node instanceof SqlShowViews) {
            rows(sink, List.of("view name"), ddl.viewNames().stream().map(n -> new Object[] {n}).toList(), "SHOW");
        } else if (node instanceof SqlShowCreate show) {
            rows(sink, List.of("create statement"), List.<Object[]>of(new Object[] {ddl.showCreate(show)}), "SHOW");
        } else if (node instanceof SqlDescribeTable describe) {
            rows(sink, List.of("name", "type", "null", "key", "extras", "watermark"), ddl.describe(describe), "DESCRIBE");
        } else if (node instanceof SqlShowJobs) {
            showJobs(sink);
        } else if (node instanceof io.weir.parser.dql.SqlShowRuntime show) {
            showRuntime(show, sink);
        } else if (node instanceof SqlStopJob stop && stop.withSavepoint()) {
            rows(sink, List.of("savepoint path"), List.<Object[]>of(new Object[] {
                jobs.stopWithSavepoint(stop.jobId()).toString()}), "SHOW");
        } else if (node instanceof SqlStopJob stop) {
            JobInfo job = jobs.stop(stop.jobId());
            sink.command("STOP JOB " + job.id());
        } else if (node instanceof SqlSet set) {
            set(set, state, sink);
        } else if (node instanceof SqlReset reset) {
            if (reset.key().isEmpty()) {
                state.options().clear();
            } else {
                state.options().remove(reset.key().get());
            }
            sink.command("RESET");
        } else if (node instanceof SqlShowVariable show) {
            if (show.isAll()) {
                rows(sink, List.of("name", "setting"), ServerVariables.all(state.options()), "SHOW");
            } else {
                String value = ServerVariables.value(show.name(), state.options());
                rows(sink, List.of(show.name()), List.<Object[]>of(new Object[] {value}), "SHOW");
            }
        } else if (node instanceof SqlExplainStatement explain) {
            explain(explain.statement(), text, state, sink);
        } else if (node instanceof SqlExplain explain) {
            explain(explain.getExplicandum(), text, state, sink);
        } else if (node instanceof SqlInsert insert) {
            insert(insert, statement, text, state, sink);
        } else if (node instanceof io.weir.parser.ddl.SqlUserStatement user) {
            user(user, sink);
        } else if (node instanceof SqlSubscribe subscribe) {
            subscribe(subscribe, statement, text, state, sink);
        } else if (node instanceof SqlDeclareCursor declare) {
            state.transactions().declare(declare.name(), () -> declare.query() instanceof SqlSubscribe subscribe
                    ? openSubscription(subscribe, statement, text, state)
                    : openCursor(declare.query(), statement, text, state));
            sink.command("DECLARE CURSOR");
        } else if (node instanceof SqlFetch fetch) {
            fetch(fetch, state, sink);
        } else if (node instanceof SqlCloseCursor close) {
            state.transactions().close(close.cursor());
            sink.command("CLOSE CURSOR");
        } else if (node.getKind().belongsTo(SqlKind.QUERY)) {
            query(node, statement, text, state, sink);
        } else {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "Weir does not run " + node.getKind() + " statements");
        }
    }

    private void user(io.weir.parser.ddl.SqlUserStatement statement, ResultSink sink) {
        if (users == null) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "This server keeps no users");
        }
        switch (statement.action()) {
            case CREATE -> {
                users.create(statement.name(), statement.password().orElse(null));
                sink.command("CREATE ROLE");
            }
            case ALTER -> {
                users.alter(statement.name(), statement.password().orElse(null));
                sink.command("ALTER ROLE");
            }
            default -> {
                if (!users.drop(statement.name()) && !statement.ifExists()) {
                    throw new WeirException(ErrorCode.UNDEFINED_OBJECT, "role \"" + statement.name() + "\" does not exist");
                }
                sink.command("DROP ROLE");
            }
        }
    }

    /**
     * {@code SUBSCRIBE}: sends the rows as they come (each flushed to the client) until the client
     * cancels, or the subscribed query ends.
     */
    private void subscribe(SqlSubscribe subscribe, ParsedStatement statement, String text, SessionState state,
            ResultSink sink) {
        try (Subscription subscription = openSubscription(subscribe, statement, text, state)) {
            RowWriter writer = sink.beginRows(subscription.columns());
            long count = 0;
            while (!subscription.ended()) {
                if (state.isCancelled()) {
                    throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
                }
                Object[] row = subscription.poll(100);
                if (row != null) {
                    writer.row(row);
                    count++;
                }
            }
            writer.end("SELECT " + count);
        }
    }

    /** A subscription to a materialized view's changes, or to a query's (or another relation's) changelog. */
    private Subscription openSubscription(SqlSubscribe subscribe, ParsedStatement statement, String text,
            SessionState state) {
        if (subscribe.isRelation()) {
            String name = ((org.apache.calcite.sql.SqlIdentifier) subscribe.target()).getSimple();
            var table = planner.catalog().table(name);
            if (table.isPresent() && DdlExecutor.isMaterializedView(table.get())) {
                return Subscription.ofView(planner.connectors().materializedViews().store(name),
                        table.get().rowType());
            }
            SqlNode all = io.weir.parser.WeirSqlParser.parseStatement("SELECT * FROM `" + name + "`");
            return streamingQuery(all, "SELECT * FROM `" + name + "`", statement, state, true);
        }
        return streamingQuery(subscribe.target(), text, statement, state, true);
    }

    /** {@code DECLARE c CURSOR FOR query}: the query's rows, read by FETCH. */
    private Subscription openCursor(SqlNode query, ParsedStatement statement, String text, SessionState state) {
        return streamingQuery(query, text, statement, state, false);
    }

    private Subscription streamingQuery(SqlNode query, String text, ParsedStatement statement, SessionState state,
            boolean subscribe) {
        Map<String, String> options = new java.util.HashMap<>(state.optionsSnapshot());
        if (subscribe) {
            options.put("execution.runtime-mode", "streaming");
        }
        QueryPlan plan = planner.planQuery(query, text, options);
        JobInfo job = jobs.submit(plan.graph(), statement.text());
        return Subscription.ofQuery(plan, job, subscribe);
    }

    /**
     * {@code FETCH n c}: up to n rows, waiting until at least one is there (as Materialize does for
     * a SUBSCRIBE), then taking only what is already there.
     */
    private void fetch(SqlFetch fetch, SessionState state, ResultSink sink) {
        Subscription cursor = state.transactions().cursor(fetch.cursor());
        long limit = fetch.count() < 0 ? Long.MAX_VALUE : fetch.count();
        RowWriter writer = sink.beginRows(cursor.columns());
        long count = 0;
        while (count < limit && !cursor.ended()) {
            if (state.isCancelled()) {
                throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
            }
            Object[] row = cursor.poll(count == 0 ? 100 : 0);
            if (row != null) {
                writer.row(row);
                count++;
            } else if (count > 0) {
                break;
            }
        }
        writer.end("FETCH " + count);
    }

    /** Starts a new materialized view's job; a view whose query cannot run is not kept. */
    private void startView(SqlCreateView create, SessionState state) {
        String name = create.name().getSimple();
        try {
            views.start(name, state.optionsSnapshot());
        } catch (RuntimeException e) {
            planner.catalog().dropTable(name);
            planner.connectors().materializedViews().drop(name);
            throw e;
        }
    }

    private void set(SqlSet set, SessionState state, ResultSink sink) {
        if (set.key().isEmpty()) {
            List<Object[]> rows = state.options().entrySet().stream()
                    .map(e -> new Object[] {e.getKey(), e.getValue()}).toList();
            rows(sink, List.of("key", "value"), rows, "SET");
            return;
        }
        String key = set.key().get();
        String value = set.value().orElse("");
        if (key.equals(SessionOptions.PARALLELISM)) {
            SessionOptions.parallelism(Map.of(SessionOptions.PARALLELISM, value));
        } else if (key.equals(SessionOptions.RUNTIME_MODE)) {
            SessionOptions.runtimeMode(Map.of(SessionOptions.RUNTIME_MODE, value));
        } else if (key.equals(SessionOptions.STATE_TTL)) {
            SessionOptions.stateTtlMillis(Map.of(SessionOptions.STATE_TTL, value));
        }
        state.options().put(key, value);
        sink.command("SET");
    }

    private void showRuntime(io.weir.parser.dql.SqlShowRuntime show, ResultSink sink) {
        switch (show.kind()) {
            case WORKERS -> {
                // the embedded server is its own single worker, in the same JVM; a coordinator lists its worker processes
                rows(sink, List.of("worker id", "address", "slots free", "slots total", "last heartbeat"),
                        jobs.workers().stream().map(w -> new Object[] {w.id(), w.address(), w.slotsFree(), w.slotsTotal(),
                                w.lastHeartbeat().toString()}).toList(), "SHOW");
            }
            case MATERIALIZED_VIEWS -> rows(sink, List.of("materialized view name"),
                    ddl.materializedViewNames().stream().map(n -> new Object[] {n}).toList(), "SHOW");
            case CHECKPOINTS -> {
                JobInfo job = jobs.job(show.jobId().orElseThrow());
                rows(sink, List.of("checkpoint id", "status", "trigger time", "duration ms", "size bytes",
                        "alignment ms", "end to end ms"), job.handle().checkpoints().stream().map(c -> new Object[] {
                                c.id(), c.status(), c.triggered(), c.durationMillis(), c.sizeBytes(), c.alignmentMillis(),
                                c.endToEndMillis()}).toList(), "SHOW");
            }
            case WATERMARKS -> {
                JobInfo job = jobs.job(show.jobId().orElseThrow());
                rows(sink, List.of("operator", "subtask", "watermark", "status"), job.handle().watermarks().stream()
                        .map(w -> new Object[] {w.vertex(), w.subtask(), w.watermark() == null ? null
                                : w.watermark() == Long.MAX_VALUE ? "end of input"
                                : java.time.Instant.ofEpochMilli(w.watermark()).toString(), w.status()}).toList(), "SHOW");
            }
            default -> throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "SHOW " + show.kind());
        }
    }

    private void showJobs(ResultSink sink) {
        List<Object[]> rows = jobs.jobs().stream().map(job -> new Object[] {
            job.id(), job.name(), jobs.displayStatus(job), job.startTime().toString(), job.failureReason().orElse(null),
            job.handle().rowsWritten(), job.handle().deliveryGuarantee().name()})
                .toList();
        rows(sink, List.of("job id", "job name", "status", "start time", "failure", "rows written", "delivery guarantee"),
                rows, "SHOW");
    }

    private void explain(SqlNode explained, String text, SessionState state, ResultSink sink) {
        QueryPlan plan = explained instanceof SqlInsert insert
                ? planner.planInsert(insert, text, state.optionsSnapshot())
                : planner.planQuery(explained, text, state.optionsSnapshot());
        String output = "== Optimized Logical Plan ==\n" + plan.logicalPlan()
                + "\n== Job Graph ==\n" + plan.graph().describe();
        List<Object[]> lines = output.lines().map(line -> new Object[] {line}).toList();
        rows(sink, List.of("plan"), lines, "EXPLAIN");
    }

    private void insert(SqlInsert insert, ParsedStatement statement, String text, SessionState state,
            ResultSink sink) {
        Map<String, String> options = jobs.jobOptions(state.optionsSnapshot());
        QueryPlan plan = planner.planInsert(insert, text, options);
        checkRuntimeMode(plan, options, false);
        JobInfo job = jobs.submitResumable(plan.graph(), statement.text(), "insert", statement.text(), options);
        if (!SessionOptions.dmlSync(options)) {
            rows(sink, List.of("job id"), List.<Object[]>of(new Object[] {job.id()}), "INSERT 0 0");
            return;
        }
        state.setRunning(job.handle());
        try {
            JobStatus status = awaitJob(job);
            if (status == JobStatus.CANCELED) {
                throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request; job "
                        + job.id() + " was cancelled");
            }
            if (status == JobStatus.FAILED) {
                throw jobFailure(job);
            }
            sink.command("INSERT 0 " + job.handle().rowsWritten());
        } finally {
            state.setRunning(null);
        }
    }

    private static JobStatus awaitJob(JobInfo job) {
        try {
            return job.handle().awaitTermination();
        } catch (InterruptedException e) {
            job.handle().cancel();
            Thread.currentThread().interrupt();
            throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement: the server is shutting down");
        }
    }

    private static WeirException jobFailure(JobInfo job) {
        Throwable failure = job.handle().failure().orElse(null);
        if (failure instanceof WeirException weir) {
            return new WeirException(weir.code(), weir.getMessage() + " (job " + job.id() + ")", weir);
        }
        return new WeirException(ErrorCode.INTERNAL_ERROR, "Job " + job.id() + " failed: "
                + (failure == null ? "unknown reason" : failure.getMessage()), failure);
    }

    /** A submitted query whose rows are read through {@code results}; the caller closes it. */
    record OpenQuery(RowType columns, JobInfo job, ResultIterator results) {
    }

    /** Plans and submits a query; its rows are read later (portals of the extended protocol). */
    OpenQuery openQuery(SqlNode query, ParsedStatement statement, String text, SessionState state) {
        Map<String, String> options = state.optionsSnapshot();
        QueryPlan plan = planner.planQuery(query, text, options);
        checkRuntimeMode(plan, options, true);
        if (!plan.isBounded() && !hasLimitOnly(query, plan)) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "The query reads the unbounded table(s) "
                    + String.join(", ", plan.unboundedTables()) + " and would never finish. Add a LIMIT to see "
                    + "some rows, or write the results into a table with INSERT INTO ... SELECT, which runs as a job");
        }
        JobInfo job = jobs.submit(plan.graph(), statement.text());
        return new OpenQuery(plan.resultType(), job, job.handle().results());
    }

    private void query(SqlNode query, ParsedStatement statement, String text, SessionState state, ResultSink sink) {
        OpenQuery open = openQuery(query, statement, text, state);
        JobInfo job = open.job();
        state.setRunning(job.handle());
        try (ResultIterator results = open.results()) {
            RowWriter writer = sink.beginRows(open.columns());
            long count = 0;
            while (results.hasNext()) {
                writer.row(results.next());
                count++;
            }
            if (job.handle().status() == JobStatus.CANCELED || state.isCancelled()) {
                throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
            }
            writer.end("SELECT " + count);
        } finally {
            state.setRunning(null);
        }
    }

    /** An unbounded query can finish only when a plain LIMIT (no ORDER BY, no aggregation) ends it. */
    private static boolean hasLimitOnly(SqlNode query, QueryPlan plan) {
        boolean limited = (query instanceof SqlOrderBy orderBy && orderBy.fetch != null && orderBy.orderList.isEmpty())
                || (query instanceof SqlSelect select && select.getFetch() != null);
        boolean blocking = plan.graph().vertices().stream().anyMatch(v -> v.operator() instanceof AggregateSpec
                || (v.operator() instanceof SortSpec sort && !sort.keys().isEmpty()));
        return limited && !blocking;
    }

    private static void checkRuntimeMode(QueryPlan plan, Map<String, String> options, boolean query) {
        String mode = SessionOptions.runtimeMode(options);
        if (mode.equals("batch") && !plan.isBounded()) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "'execution.runtime-mode' is 'batch' but the "
                    + (query ? "query" : "statement") + " reads the unbounded table(s) "
                    + String.join(", ", plan.unboundedTables()) + "; use 'streaming' or 'automatic'");
        }
    }

    private static void rows(ResultSink sink, List<String> names, List<Object[]> rows, String tag) {
        RowType type = new RowType(names.stream().map(n -> new Field(n, STRING)).toList());
        RowWriter writer = sink.beginRows(type);
        for (Object[] row : rows) {
            Object[] text = new Object[row.length];
            for (int i = 0; i < row.length; i++) {
                text[i] = row[i] == null ? null : row[i].toString();
            }
            writer.row(text);
        }
        writer.end(tag.equals("SHOW") || tag.equals("DESCRIBE") || tag.equals("EXPLAIN") || tag.equals("SET")
                ? "SELECT " + rows.size() : tag);
    }
}

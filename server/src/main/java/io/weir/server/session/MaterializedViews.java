package io.weir.server.session;

import static java.util.Objects.requireNonNull;

import io.weir.parser.WeirSqlParser;
import io.weir.planner.Planner;
import io.weir.planner.QueryPlan;
import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.ddl.DdlExecutor;
import io.weir.server.job.JobInfo;
import io.weir.server.job.JobManager;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs that keep materialized views: each view's defining query runs in streaming mode as
 * {@code INSERT INTO <view> <query>}, whose sink is the view's store (see the executor's
 * {@code materialized-view} connector). Started when the view is created and, for every view in the
 * catalog, when the server starts (the job then starts over from its sources). Thread-safe.
 */
public final class MaterializedViews {
    private static final Logger LOG = LoggerFactory.getLogger(MaterializedViews.class);

    private final Planner planner;
    private final JobManager jobs;

    public MaterializedViews(Planner planner, JobManager jobs) {
        this.planner = requireNonNull(planner, "planner is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    /** Starts the job of view {@code name} with the session's {@code options}; returns it. */
    public JobInfo start(String name, Map<String, String> options) {
        TableDefinition table = planner.catalog().table(name).filter(DdlExecutor::isMaterializedView)
                .orElseThrow(() -> new WeirException(ErrorCode.UNDEFINED_TABLE, "Materialized view '" + name
                        + "' does not exist"));
        String text = "INSERT INTO `" + name + "` " + DdlExecutor.materializedViewQuery(table);
        SqlNode insert = WeirSqlParser.parseStatement(text);
        Map<String, String> jobOptions = new HashMap<>(options);
        // a view follows its inputs: its job always streams, and its bounded inputs simply end
        jobOptions.put("execution.runtime-mode", "streaming");
        QueryPlan plan = planner.planInsert((SqlInsert) insert, text, jobOptions);
        return jobs.submit(plan.graph(), "materialized view " + name);
    }

    /** Stops the job of view {@code name}, if it runs. */
    public void stop(String name) {
        for (JobInfo job : jobs.jobs()) {
            if (job.statement().equals("materialized view " + name) && !job.handle().status().isTerminal()) {
                jobs.stop(job.id());
            }
        }
    }

    /** Starts the job of every materialized view of the catalog (at server start). */
    public int startAll() {
        int started = 0;
        for (TableDefinition table : planner.catalog().tables()) {
            if (!DdlExecutor.isMaterializedView(table)) {
                continue;
            }
            try {
                start(table.name(), Map.of());
                started++;
            } catch (RuntimeException e) {
                LOG.error("Cannot start the job of materialized view '{}': {}", table.name(), e.getMessage());
            }
        }
        return started;
    }
}

package io.weir.server.session;

import static java.util.Objects.requireNonNull;

import io.weir.parser.WeirSqlParser;
import io.weir.planner.Planner;
import io.weir.planner.QueryPlan;
import io.weir.planner.catalog.TableDefinition;
import io.weir.planner.ddl.DdlExecutor;
import io.weir.server.job.JobInfo;
import io.weir.server.job.JobManager;
import io.weir.server.job.PersistedJobs;
import io.weir.executor.plan.JobGraph;
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
 * {@code materialized-view} connector). Started when the view is created; at server start a view's
 * job resumes from its newest checkpoint, or starts over from its sources when it has none (a view
 * over bounded input whose job finished). Thread-safe.
 */
public final class MaterializedViews {
    private static final Logger LOG = LoggerFactory.getLogger(MaterializedViews.class);

    private final Planner planner;
    private final JobManager jobs;

    public MaterializedViews(Planner planner, JobManager jobs) {
        this.planner = requireNonNull(planner, "planner is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    /** How often a view's job checkpoints unless the session set an interval. */
    static final String DEFAULT_CHECKPOINT_INTERVAL = "10s";

    /**
     * Starts the job of view {@code name} with the session's {@code options}; returns it. The job
     * checkpoints (every 10 s unless the session says otherwise), so that it resumes after a restart.
     */
    public JobInfo start(String name, Map<String, String> options) {
        Map<String, String> jobOptions = jobs.jobOptions(options);
        jobOptions.putIfAbsent("execution.checkpointing.interval", DEFAULT_CHECKPOINT_INTERVAL);
        return jobs.submitResumable(plan(name, jobOptions), "materialized view " + name, "view", name, jobOptions);
    }

    /** Resumes a view's recorded job from its newest checkpoint. */
    public JobInfo resume(PersistedJobs.Entry entry) {
        return jobs.resume(entry, plan(entry.text(), entry.options()), "materialized view " + entry.text());
    }

    private JobGraph plan(String name, Map<String, String> options) {
        TableDefinition table = planner.catalog().table(name).filter(DdlExecutor::isMaterializedView)
                .orElseThrow(() -> new WeirException(ErrorCode.UNDEFINED_TABLE, "Materialized view '" + name
                        + "' does not exist"));
        String text = "INSERT INTO `" + name + "` " + DdlExecutor.materializedViewQuery(table);
        SqlNode insert = WeirSqlParser.parseStatement(text);
        Map<String, String> jobOptions = new HashMap<>(options);
        // a view follows its inputs: its job always streams, and its bounded inputs simply end
        jobOptions.put("execution.runtime-mode", "streaming");
        QueryPlan plan = planner.planInsert((SqlInsert) insert, text, jobOptions);
        return plan.graph();
    }

    /** Stops the job of view {@code name}, if it runs. */
    public void stop(String name) {
        for (JobInfo job : jobs.jobs()) {
            if (job.statement().equals("materialized view " + name) && !job.handle().status().isTerminal()) {
                jobs.stop(job.id());
            }
        }
    }

    /** Starts the job of every materialized view of the catalog but {@code resumed} (at server start). */
    public int startAll(java.util.Set<String> resumed) {
        int started = 0;
        for (TableDefinition table : planner.catalog().tables()) {
            if (!DdlExecutor.isMaterializedView(table) || resumed.contains(table.name())) {
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

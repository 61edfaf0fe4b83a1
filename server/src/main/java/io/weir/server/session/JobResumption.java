package io.weir.server.session;

import io.weir.parser.WeirSqlParser;
import io.weir.planner.Planner;
import io.weir.planner.QueryPlan;
import io.weir.server.job.JobManager;
import io.weir.server.job.PersistedJobs;
import java.util.HashSet;
import java.util.Set;
import org.apache.calcite.sql.SqlInsert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At server start: resumes every recorded job (checkpointed INSERTs and materialized views) from
 * its newest checkpoint, then starts the jobs of the materialized views that had none recorded.
 */
public final class JobResumption {
    private static final Logger LOG = LoggerFactory.getLogger(JobResumption.class);

    private JobResumption() {
    }

    /** Returns how many jobs were resumed or started. */
    public static int run(Planner planner, JobManager jobs) {
        MaterializedViews views = new MaterializedViews(planner, jobs);
        Set<String> resumedViews = new HashSet<>();
        int count = 0;
        for (PersistedJobs.Entry entry : jobs.recorded()) {
            try {
                if (entry.kind().equals("view")) {
                    views.resume(entry);
                    resumedViews.add(entry.text());
                } else {
                    SqlInsert insert = (SqlInsert) WeirSqlParser.parseStatement(entry.text());
                    QueryPlan plan = planner.planInsert(insert, entry.text(), entry.options());
                    jobs.resume(entry, plan.graph(), entry.text());
                }
                count++;
            } catch (RuntimeException e) {
                LOG.error("Cannot resume job {} ({}): {}", entry.id(), entry.text(), e.getMessage());
            }
        }
        return count + views.startAll(resumedViews);
    }
}

package io.weir.server.session;

import static java.util.Objects.requireNonNull;

import io.weir.planner.Planner;
import io.weir.server.job.JobManager;
import io.weir.server.pgwire.PgSession;
import io.weir.server.pgwire.PgSessionFactory;
import io.weir.server.pgwire.StartupInfo;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.util.Locale;

/** Opens a {@link Session} for every pgwire connection to the database {@code weir}. */
public final class SessionManager implements PgSessionFactory {
    private final io.weir.server.auth.UserStore users;
    public static final String DATABASE = "weir";

    private final Planner planner;
    private final JobManager jobs;

    public SessionManager(Planner planner, JobManager jobs) {
        this(planner, jobs, null);
    }

    /** Sessions that can also run CREATE/ALTER/DROP USER against {@code users}. */
    public SessionManager(Planner planner, JobManager jobs, io.weir.server.auth.UserStore users) {
        this.users = users;
        this.planner = requireNonNull(planner, "planner is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    @Override
    public PgSession open(StartupInfo startup) {
        String database = startup.database().isEmpty() ? startup.user() : startup.database();
        if (!database.toLowerCase(Locale.ROOT).equals(DATABASE)) {
            throw new WeirException(ErrorCode.UNDEFINED_OBJECT, "database \"" + database
                    + "\" does not exist; Weir serves one database, \"" + DATABASE + "\"");
        }
        // each session plans over its own catalog view: its temporary functions are its own
        return new Session(startup, new StatementRunner(planner.forSession(), jobs, users));
    }
}

package io.weir.server.session;

import io.weir.parser.WeirSqlParser;
import io.weir.planner.Planner;
import io.weir.planner.ddl.DdlExecutor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Recreates the catalog at start-up from the DDL statements its store kept. */
public final class CatalogLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogLoader.class);

    private CatalogLoader() {
    }

    /** Replays every stored statement; returns how many tables and views were restored. */
    public static int restore(Planner planner) {
        List<String> statements = planner.catalog().store().load();
        DdlExecutor ddl = new DdlExecutor(planner);
        int restored = 0;
        for (String statement : statements) {
            try {
                ddl.restore(WeirSqlParser.parseStatement(statement), statement);
                restored++;
            } catch (RuntimeException e) {
                // Keep going: one table whose connector is gone must not keep the server down.
                LOG.error("Cannot restore this catalog entry, skipping it: {}: {}", statement, e.getMessage());
            }
        }
        return restored;
    }
}

package io.weir.server.session;

import static java.util.Objects.requireNonNull;

import io.weir.parser.ParsedStatement;
import io.weir.parser.SqlSyntaxException;
import io.weir.parser.WeirSqlParser;
import io.weir.parser.tcl.SqlTransactionStatement;
import io.weir.server.pgcatalog.PgCatalog;
import io.weir.server.pgwire.PgPreparedStatement;
import io.weir.server.pgwire.PgSession;
import io.weir.server.pgwire.ResultSink;
import io.weir.server.pgwire.RowWriter;
import io.weir.server.pgwire.StartupInfo;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.SourcePosition;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's session: its {@code SET} options, its transaction block and the statement it is
 * running. The whole Query message is parsed before anything runs, as PostgreSQL does, so a syntax
 * error anywhere means no statement of the message runs. Prepared statements of the extended
 * protocol are {@link PreparedStatement}s.
 */
final class Session implements PgSession {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final StartupInfo startup;
    private final StatementRunner runner;
    private final SessionState state = new SessionState();
    private final TransactionBlock transactions = state.transactions();

    Session(StartupInfo startup, StatementRunner runner) {
        this.startup = requireNonNull(startup, "startup is null");
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Override
    public void executeSimpleQuery(String sql, ResultSink sink) {
        if (PgCatalog.isCatalogQuery(sql)) {
            PgCatalog.Result result = CatalogStatement.run(sql, runner, ServerVariables.asMap(state.options()));
            RowWriter writer = sink.beginRows(result.columns());
            result.rows().forEach(writer::row);
            writer.end("SELECT " + result.rows().size());
            return;
        }
        List<ParsedStatement> statements;
        try {
            statements = WeirSqlParser.parseScript(sql);
        } catch (SqlSyntaxException e) {
            throw new WeirException(ErrorCode.SYNTAX_ERROR, new SourcePosition(e.line(), e.column(), e.offset()),
                    e.getMessage(), e);
        }
        if (statements.isEmpty()) {
            sink.emptyQuery();
            return;
        }
        state.clearCancel();
        for (ParsedStatement statement : statements) {
            if (state.isCancelled()) {
                throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
            }
            transactions.checkAllowed(statement.node());
            if (statement.node() instanceof SqlTransactionStatement control) {
                transactions.run(control, sink);
            } else {
                runner.run(statement, sql, state, sink);
            }
        }
    }

    @Override
    public PgPreparedStatement prepare(String sql, List<DataType> declaredTypes) {
        if (PgCatalog.isCatalogQuery(sql)) {
            return new CatalogStatement(sql, declaredTypes, runner, () -> ServerVariables.asMap(state.options()));
        }
        return PreparedStatement.prepare(sql, declaredTypes, new PreparedStatement.Context(runner, state, transactions));
    }

    @Override
    public char transactionStatus() {
        return transactions.status();
    }

    @Override
    public void failTransaction() {
        transactions.fail();
    }

    @Override
    public void cancel() {
        state.cancel();
    }

    @Override
    public Map<String, String> parameterStatus() {
        return Map.of();
    }

    @Override
    public void close() {
        state.cancel();
        transactions.closeAll();
        LOG.debug("Session of {} closed", startup.user());
    }
}

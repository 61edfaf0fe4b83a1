package io.weir.server.session;

import static java.util.Objects.requireNonNull;

import io.weir.parser.ParsedStatement;
import io.weir.parser.SqlSyntaxException;
import io.weir.parser.WeirSqlParser;
import io.weir.parser.tcl.SqlTransactionStatement;
import io.weir.planner.ParameterBinder;
import io.weir.planner.StatementDescription;
import io.weir.server.pgwire.PgParameterRewriter;
import io.weir.server.pgwire.PgPortal;
import io.weir.server.pgwire.PgPreparedStatement;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.SourcePosition;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * A statement prepared by the extended protocol's Parse: the client's SQL with {@code $n} rewritten
 * to {@code ?} ({@link PgParameterRewriter}), parsed and, for queries and INSERTs, validated so that
 * the parameters' types are known (declared by the client or inferred by Calcite) and, for
 * queries, the result columns.
 *
 * <p>Every Bind parses the text again and replaces the markers with typed literals
 * ({@link ParameterBinder}), then runs it as a simple query would. Session thread only.
 */
final class PreparedStatement implements PgPreparedStatement {
    /** What the session lends its prepared statements. */
    record Context(StatementRunner runner, SessionState state, TransactionBlock transactions) {
        Context {
            requireNonNull(runner, "runner is null");
            requireNonNull(state, "state is null");
            requireNonNull(transactions, "transactions is null");
        }
    }

    private final Context context;
    private final String sql;
    private final PgParameterRewriter.Rewritten rewritten;
    private final boolean empty;
    private final List<DataType> parameterTypes;
    private final Optional<RowType> resultColumns;

    private PreparedStatement(Context context, String sql, PgParameterRewriter.Rewritten rewritten, boolean empty,
            List<DataType> parameterTypes, Optional<RowType> resultColumns) {
        this.context = context;
        this.sql = sql;
        this.rewritten = rewritten;
        this.empty = empty;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.resultColumns = resultColumns;
    }

    /** Parses and validates {@code sql}; {@code declaredTypes} has {@code null} for "infer". */
    static PreparedStatement prepare(String sql, List<DataType> declaredTypes, Context context) {
        PgParameterRewriter.Rewritten rewritten = PgParameterRewriter.rewrite(sql);
        ParsedStatement statement = parse(rewritten.sql());
        int count = Math.max(rewritten.parameterCount(), declaredTypes.size());
        List<DataType> types = new ArrayList<>(Collections.nCopies(count, (DataType) null));
        for (int i = 0; i < declaredTypes.size(); i++) {
            types.set(i, declaredTypes.get(i));
        }
        if (statement == null) {
            return new PreparedStatement(context, sql, rewritten, true, fillUnknown(types), Optional.empty());
        }
        context.transactions().checkAllowed(statement.node());
        SqlNode node = statement.node();
        checkMarkers(rewritten);
        Optional<RowType> columns = Optional.empty();
        if (isQuery(node) || node instanceof SqlInsert) {
            SqlNode typed = ParameterBinder.typeParameters(node, marker -> types.get(number(rewritten, marker) - 1));
            StatementDescription description = context.runner().planner().describeStatement(typed, rewritten.sql());
            description.parameterTypes().forEach((marker, type) -> {
                int index = number(rewritten, marker) - 1;
                if (types.get(index) == null) {
                    types.set(index, type.kind() == TypeKind.NULL ? DataType.of(TypeKind.STRING) : type);
                }
            });
            columns = description.resultType();
        } else if (!rewritten.markerNumbers().isEmpty()) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "parameters are supported in queries and "
                    + "INSERT statements only; write the values into this statement");
        }
        return new PreparedStatement(context, sql, rewritten, false, fillUnknown(types), columns);
    }

    @Override
    public List<DataType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public Optional<RowType> resultColumns() {
        if (resultColumns.isPresent() || empty) {
            return resultColumns;
        }
        ParsedStatement statement = parse(rewritten.sql());
        SqlNode node = statement.node();
        if (node instanceof SqlInsert || node instanceof SqlTransactionStatement || !returnsRows(node)) {
            return Optional.empty();
        }
        // SHOW, DESCRIBE and EXPLAIN only read: their columns are learnt by running them
        try (Portal portal = new Portal(context, statement, rewritten.sql())) {
            return portal.columns();
        }
    }

    @Override
    public PgPortal bind(List<Object> parameters) {
        if (parameters.size() != parameterTypes.size()) {
            throw new IllegalArgumentException(parameters.size() + " values for " + parameterTypes.size()
                    + " parameters");
        }
        if (empty) {
            return Portal.empty();
        }
        ParsedStatement statement = parse(rewritten.sql());
        List<Object> values = new ArrayList<>(parameters);
        SqlNode bound = rewritten.markerNumbers().isEmpty() ? statement.node()
                : ParameterBinder.bind(statement.node(), marker -> parameterTypes.get(number(rewritten, marker) - 1),
                        marker -> values.get(number(rewritten, marker) - 1));
        ParsedStatement withValues = new ParsedStatement(bound, statement.text(), statement.startOffset(),
                statement.startLine());
        return new Portal(context, withValues, rewritten.sql());
    }

    @Override
    public String toString() {
        return "PreparedStatement[" + sql + "]";
    }

    private static boolean isQuery(SqlNode node) {
        return node.getKind().belongsTo(SqlKind.QUERY);
    }

    /** Statements whose result has rows: queries and Weir's SHOW, DESCRIBE, EXPLAIN, FETCH, SUBSCRIBE. */
    private static boolean returnsRows(SqlNode node) {
        String name = node.getClass().getSimpleName();
        return isQuery(node) || name.startsWith("SqlShow") || name.startsWith("SqlDescribe")
                || name.startsWith("SqlExplain") || node.getKind() == SqlKind.EXPLAIN || name.equals("SqlFetch")
                || name.equals("SqlSubscribe");
    }

    private static int number(PgParameterRewriter.Rewritten rewritten, int marker) {
        return rewritten.markerNumbers().get(marker);
    }

    private static void checkMarkers(PgParameterRewriter.Rewritten rewritten) {
        if (rewritten.markerNumbers().contains(0)) {
            throw new WeirException(ErrorCode.SYNTAX_ERROR, "'?' is not a parameter marker in PostgreSQL's "
                    + "protocol; write $1, $2, ...");
        }
    }

    private static List<DataType> fillUnknown(List<DataType> types) {
        List<DataType> filled = new ArrayList<>(types.size());
        for (DataType type : types) {
            // a parameter the statement does not use: PostgreSQL would say "could not determine its type"
            filled.add(type == null ? DataType.of(TypeKind.STRING) : type);
        }
        return filled;
    }

    /** The one statement of {@code text}, or {@code null} when it has none. */
    private static ParsedStatement parse(String text) {
        List<ParsedStatement> statements;
        try {
            statements = WeirSqlParser.parseScript(text);
        } catch (SqlSyntaxException e) {
            throw new WeirException(ErrorCode.SYNTAX_ERROR, new SourcePosition(e.line(), e.column(), e.offset()),
                    e.getMessage(), e);
        }
        if (statements.size() > 1) {
            throw new WeirException(ErrorCode.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        return statements.isEmpty() ? null : statements.get(0);
    }
}

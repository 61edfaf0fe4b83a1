package io.weir.parser.dql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * What the runtime knows, as a result set: {@code SHOW WORKERS}, {@code SHOW MATERIALIZED VIEWS},
 * {@code SHOW CHECKPOINTS FOR JOB 'id'} and {@code SHOW WATERMARKS FOR JOB 'id'}.
 */
public final class SqlShowRuntime extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);

    /** What to show. */
    public enum Kind {
        WORKERS("WORKERS"),
        MATERIALIZED_VIEWS("MATERIALIZED VIEWS"),
        CHECKPOINTS("CHECKPOINTS"),
        WATERMARKS("WATERMARKS");

        private final String keywords;

        Kind(String keywords) {
            this.keywords = keywords;
        }
    }

    private final Kind kind;
    private final SqlCharStringLiteral jobId;

    /** Creates the statement; {@code jobId} is null for WORKERS and MATERIALIZED VIEWS. */
    public SqlShowRuntime(SqlParserPos pos, Kind kind, SqlCharStringLiteral jobId) {
        super(pos);
        this.kind = requireNonNull(kind, "kind is null");
        this.jobId = jobId;
    }

    public Kind kind() {
        return kind;
    }

    /** The job, for CHECKPOINTS and WATERMARKS. */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId).map(literal -> literal.getValueAs(String.class));
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return jobId == null ? List.of() : List.of(jobId);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW " + kind.keywords);
        if (jobId != null) {
            writer.keyword("FOR JOB");
            jobId.unparse(writer, leftPrec, rightPrec);
        }
    }
}

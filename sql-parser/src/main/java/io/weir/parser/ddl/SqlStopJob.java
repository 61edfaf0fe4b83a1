package io.weir.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code STOP JOB 'id' [WITH SAVEPOINT] [WITH DRAIN]}. */
public final class SqlStopJob extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("STOP JOB", SqlKind.OTHER_DDL);

    private final SqlCharStringLiteral jobId;
    private final boolean withSavepoint;
    private final boolean withDrain;

    /** Creates the statement. */
    public SqlStopJob(SqlParserPos pos, SqlCharStringLiteral jobId, boolean withSavepoint, boolean withDrain) {
        super(pos);
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.withSavepoint = withSavepoint;
        this.withDrain = withDrain;
    }

    /** Returns the job id, unquoted. */
    public String jobId() {
        return DdlUnparse.stringValue(jobId);
    }

    /** Whether to take a savepoint before stopping. */
    public boolean withSavepoint() {
        return withSavepoint;
    }

    /** Whether to drain the pipeline (emit final watermarks) before stopping. */
    public boolean withDrain() {
        return withDrain;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(jobId);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("STOP JOB");
        jobId.unparse(writer, leftPrec, rightPrec);
        if (withSavepoint) {
            writer.keyword("WITH SAVEPOINT");
        }
        if (withDrain) {
            writer.keyword("WITH DRAIN");
        }
    }
}

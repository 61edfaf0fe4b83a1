package io.weir.parser.tcl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A transaction control statement: {@code BEGIN [WORK | TRANSACTION] [modes]},
 * {@code START TRANSACTION [modes]}, {@code COMMIT [WORK | TRANSACTION]},
 * {@code END [WORK | TRANSACTION]} or {@code ROLLBACK [WORK | TRANSACTION]}.
 *
 * <p>Transaction modes (isolation level, READ ONLY/WRITE, DEFERRABLE) are accepted and dropped:
 * Weir's statements are not transactional. So are {@code SET [SESSION CHARACTERISTICS AS]
 * TRANSACTION modes} and {@code SET LOCAL name = value} ({@link Kind#SET_TRANSACTION}), which
 * unparse as {@code SET TRANSACTION READ WRITE}.
 */
public final class SqlTransactionStatement extends SqlCall {
    /** What the statement does, with the command tag PostgreSQL answers it with. */
    public enum Kind {
        BEGIN("BEGIN", "BEGIN"),
        START_TRANSACTION("START TRANSACTION", "START TRANSACTION"),
        COMMIT("COMMIT", "COMMIT"),
        END("END", "COMMIT"),
        ROLLBACK("ROLLBACK", "ROLLBACK"),
        /** {@code SET [SESSION CHARACTERISTICS AS] TRANSACTION modes} and {@code SET LOCAL name = value}: no effect. */
        SET_TRANSACTION("SET TRANSACTION READ WRITE", "SET");

        private final String keywords;
        private final String tag;

        Kind(String keywords, String tag) {
            this.keywords = keywords;
            this.tag = tag;
        }

        /** The CommandComplete tag, e.g. "COMMIT" for END. */
        public String tag() {
            return tag;
        }

        /** Whether the statement opens a transaction block (BEGIN, START TRANSACTION). */
        public boolean begins() {
            return this == BEGIN || this == START_TRANSACTION;
        }
    }

    private static final SqlOperator OPERATOR = new SqlSpecialOperator("TRANSACTION CONTROL", SqlKind.OTHER);

    private final Kind kind;

    /** Creates the statement. */
    public SqlTransactionStatement(SqlParserPos pos, Kind kind) {
        super(pos);
        this.kind = requireNonNull(kind, "kind is null");
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(kind.keywords);
    }
}

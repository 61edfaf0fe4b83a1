package io.weir.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE USER name [WITH] PASSWORD 'secret'}, {@code ALTER USER name [WITH] PASSWORD 'secret'}
 * and {@code DROP USER [IF EXISTS] name}: the users a server with SCRAM authentication admits. The
 * password never appears in the statement's unparsed form.
 */
public final class SqlUserStatement extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("USER", SqlKind.OTHER_DDL);

    /** What the statement does. */
    public enum Action {
        CREATE,
        ALTER,
        DROP
    }

    private final Action action;
    private final SqlIdentifier name;
    private final SqlCharStringLiteral password;
    private final boolean ifExists;

    public SqlUserStatement(SqlParserPos pos, Action action, SqlIdentifier name, SqlCharStringLiteral password,
            boolean ifExists) {
        super(pos);
        this.action = requireNonNull(action, "action is null");
        this.name = requireNonNull(name, "name is null");
        this.password = password;
        this.ifExists = ifExists;
    }

    public Action action() {
        return action;
    }

    public String name() {
        return name.getSimple();
    }

    /** The new password (CREATE and ALTER). */
    public Optional<String> password() {
        return Optional.ofNullable(password).map(p -> p.getValueAs(String.class));
    }

    public boolean ifExists() {
        return ifExists;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(action + " USER");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        if (password != null) {
            writer.keyword("PASSWORD");
            writer.literal("'********'");
        }
    }
}

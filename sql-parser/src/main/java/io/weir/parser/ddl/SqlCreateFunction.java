package io.weir.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Flink's {@code CREATE [TEMPORARY] FUNCTION [IF NOT EXISTS] name AS 'class' [LANGUAGE language]
 * [USING JAR 'uri' [, JAR 'uri']*]}: a user-defined scalar function implemented by a Java class.
 */
public final class SqlCreateFunction extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE FUNCTION", SqlKind.CREATE_FUNCTION);

    private final boolean temporary;
    private final SqlIdentifier name;
    private final SqlCharStringLiteral className;
    private final @Nullable SqlIdentifier language;
    private final List<SqlCharStringLiteral> jars;

    /** Creates the statement; {@code language} is null when no LANGUAGE clause was given. */
    public SqlCreateFunction(SqlParserPos pos, boolean ifNotExists, boolean temporary, SqlIdentifier name,
            SqlCharStringLiteral className, @Nullable SqlIdentifier language, List<SqlCharStringLiteral> jars) {
        super(OPERATOR, pos, false, ifNotExists);
        this.temporary = temporary;
        this.name = requireNonNull(name, "name is null");
        this.className = requireNonNull(className, "className is null");
        this.language = language;
        this.jars = List.copyOf(requireNonNull(jars, "jars is null"));
    }

    /** Returns the function name, possibly qualified. */
    public SqlIdentifier name() {
        return name;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** Whether this is {@code CREATE TEMPORARY FUNCTION}: kept until the server stops, never stored. */
    public boolean temporary() {
        return temporary;
    }

    /** The fully qualified name of the implementing class. */
    public String className() {
        return className.getValueAs(String.class);
    }

    /** The literal naming the class, for error positions. */
    public SqlCharStringLiteral classNameLiteral() {
        return className;
    }

    /** The language in upper case, {@code JAVA} when none was given. */
    public String language() {
        return language == null ? "JAVA" : language.getSimple().toUpperCase(java.util.Locale.ROOT);
    }

    /** The LANGUAGE identifier, null when absent, for error positions. */
    public @Nullable SqlIdentifier languageIdentifier() {
        return language;
    }

    /** The {@code USING JAR} literals in order; empty when the class is on the server's class path. */
    public List<SqlCharStringLiteral> jars() {
        return jars;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, className, language);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (temporary) {
            writer.keyword("TEMPORARY");
        }
        writer.keyword("FUNCTION");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        writer.keyword("AS");
        className.unparse(writer, leftPrec, rightPrec);
        if (language != null) {
            writer.keyword("LANGUAGE");
            language.unparse(writer, leftPrec, rightPrec);
        }
        for (int i = 0; i < jars.size(); i++) {
            writer.keyword(i == 0 ? "USING JAR" : ", JAR");
            jars.get(i).unparse(writer, leftPrec, rightPrec);
        }
    }
}

package io.weir.server.pgcatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;

/**
 * The names PostgreSQL gives a query's result columns: an alias, else a column's name, else the name
 * of the outermost function ({@code version()} is "version"), else {@code ?column?}. Calcite names
 * the unnamed ones {@code EXPR$n}, which psql would show.
 */
final class PgColumnNames {
    private PgColumnNames() {
    }

    /** One name per select item of {@code sql}'s outermost SELECT; empty when it cannot tell. */
    static List<String> of(String sql, Properties connection) {
        SqlNode node;
        try {
            CalciteConnectionConfigImpl config = new CalciteConnectionConfigImpl(connection);
            node = SqlParser.create(sql, SqlParser.config().withParserFactory(SqlBabelParserImpl.FACTORY)
                    .withQuoting(config.quoting()).withUnquotedCasing(config.unquotedCasing())
                    .withConformance(config.conformance())).parseQuery();
        } catch (SqlParseException | RuntimeException e) {
            return List.of();
        }
        if (node instanceof SqlOrderBy orderBy) {
            node = orderBy.query;
        }
        if (!(node instanceof SqlSelect select)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            names.add(name(item));
        }
        return names;
    }

    private static String name(SqlNode item) {
        if (item.getKind() == SqlKind.AS) {
            return ((SqlCall) item).operand(1).toString();
        }
        if (item instanceof SqlIdentifier identifier) {
            return identifier.names.get(identifier.names.size() - 1);
        }
        if (item instanceof SqlBasicCall call && call.getOperator().getKind() != SqlKind.CAST
                && Character.isLetter(call.getOperator().getName().charAt(0))) {
            return call.getOperator().getName().toLowerCase(Locale.ROOT);
        }
        if (item instanceof SqlBasicCall call && call.getOperator().getKind() == SqlKind.CAST) {
            return name(call.operand(0));
        }
        return "?column?";
    }
}

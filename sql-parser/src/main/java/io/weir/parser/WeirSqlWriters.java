package io.weir.parser;

import io.weir.parser.impl.WeirSqlParserImpl;
import java.io.StringReader;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriterConfig;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;

/**
 * Turns parse trees back into Weir SQL, as {@code SHOW CREATE TABLE} shows it: keywords upper
 * case, identifiers quoted with back-ticks only where needed (reserved words and names that are
 * not plain words), so the text re-parses to an equal tree. Thread-safe.
 */
public final class WeirSqlWriters {
    /** The Weir dialect: back-tick quoting, case kept, case-insensitive matching. */
    public static final SqlDialect DIALECT = new WeirDialect();

    // "all" hands every identifier to the dialect, which quotes only those that need it; with false the
    // writer quotes only names quoted in the source, so a name the validator expanded from * (bid.`dateTime`
    // of SELECT * FROM bid, stored in a view's text) came out bare and failed to parse back
    private static final SqlWriterConfig CONFIG = SqlPrettyWriter.config()
            .withDialect(DIALECT)
            .withQuoteAllIdentifiers(true)
            .withAlwaysUseParentheses(false);

    private WeirSqlWriters() {
    }

    /** Returns SQL text for a parse tree that {@link WeirSqlParser} parses back to an equal tree. */
    public static String unparse(SqlNode node) {
        SqlPrettyWriter writer = new SqlPrettyWriter(CONFIG);
        node.unparse(writer, 0, 0);
        return writer.toSqlString().getSql();
    }

    /** Calcite's default dialect with back-tick quoting and quoting only where needed. */
    private static final class WeirDialect extends SqlDialect {
        private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
        private static final SqlAbstractParserImpl.Metadata METADATA =
                WeirSqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();

        WeirDialect() {
            super(EMPTY_CONTEXT
                    .withDatabaseProduct(DatabaseProduct.UNKNOWN)
                    .withIdentifierQuoteString("`")
                    .withUnquotedCasing(Casing.UNCHANGED)
                    .withQuotedCasing(Casing.UNCHANGED)
                    .withCaseSensitive(false));
        }

        @Override
        protected boolean identifierNeedsQuote(String name) {
            return !PLAIN_NAME.matcher(name).matches()
                    || METADATA.isReservedWord(name.toUpperCase(Locale.ROOT));
        }
    }
}

package io.weir.parser;

import io.weir.parser.impl.WeirSqlParserImpl;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses Weir SQL (the Flink SQL dialect): scripts, single statements and expressions.
 *
 * <p>Lexical rules follow Flink: identifiers are quoted with back-ticks and keep their case,
 * matching is case-insensitive, and the conformance is lenient ({@code LIMIT}, {@code GROUP BY}
 * alias and the like). Parse trees of Weir's own statements are in {@link io.weir.parser.ddl}
 * and {@link io.weir.parser.dql}. Stateless and thread-safe.
 */
public final class WeirSqlParser {
    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withQuoting(Quoting.BACK_TICK)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.LENIENT)
            .withParserFactory(WeirSqlParserImpl.FACTORY);

    private WeirSqlParser() {
    }

    /** Returns the Calcite parser configuration of the Weir dialect. */
    public static SqlParser.Config config() {
        return CONFIG;
    }

    /**
     * Parses a script of zero or more statements separated by ';'. Empty statements, a trailing
     * ';' and comments are allowed.
     *
     * @throws SqlSyntaxException at the first statement that does not parse, with its position
     *     in the script
     */
    public static List<ParsedStatement> parseScript(String sql) {
        SourceText source = new SourceText(sql);
        List<ParsedStatement> statements = new ArrayList<>();
        for (ScriptSplitter.Segment segment : ScriptSplitter.split(sql)) {
            String text = sql.substring(segment.start(), segment.end());
            SqlNode node = parseSegment(text, source, segment);
            statements.add(new ParsedStatement(node, text, segment.start(), source.line(segment.start())));
        }
        return List.copyOf(statements);
    }

    /**
     * Parses exactly one statement; a trailing ';' is allowed.
     *
     * @throws SqlSyntaxException if the text does not parse or does not hold exactly one statement
     */
    public static SqlNode parseStatement(String sql) {
        List<ParsedStatement> statements = parseScript(sql);
        if (statements.size() == 1) {
            return statements.get(0).node();
        }
        SourceText source = new SourceText(sql);
        if (statements.isEmpty()) {
            throw new SqlSyntaxException("syntax error at end of input",
                    source.line(sql.length()), source.column(sql.length()), sql.length() + 1, null);
        }
        ParsedStatement second = statements.get(1);
        throw new SqlSyntaxException(
                "expected exactly one statement, found " + statements.size(),
                second.startLine(), source.column(second.startOffset()), second.startOffset() + 1, null);
    }

    /**
     * Parses a row expression, such as {@code a + 1} or {@code CAST(x AS STRING)}.
     *
     * @throws SqlSyntaxException if the text does not parse
     */
    public static SqlNode parseExpression(String sql) {
        return StatementParser.parseExpression(sql, CONFIG);
    }

    private static SqlNode parseSegment(String text, SourceText source, ScriptSplitter.Segment segment) {
        try {
            if (segment.unterminated() >= 0) {
                throw StatementParser.unterminated(text, segment.unterminated() - segment.start());
            }
            return StatementParser.parseStatement(text, CONFIG);
        } catch (SqlSyntaxException e) {
            // Positions are relative to the statement; make them relative to the script.
            int offset = segment.start() + e.offset() - 1;
            throw new SqlSyntaxException(e.getMessage(), source.line(offset), source.column(offset), offset + 1,
                    e.getCause());
        }
    }
}

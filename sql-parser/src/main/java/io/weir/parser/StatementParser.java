package io.weir.parser;

import io.weir.parser.impl.ParseException;
import io.weir.parser.impl.Token;
import io.weir.parser.impl.TokenMgrError;
import io.weir.parser.impl.WeirSqlParserImpl;
import io.weir.parser.impl.WeirSqlParserImplConstants;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.SourceStringReader;

/**
 * Runs the generated parser on one statement or expression and turns its failures into short
 * PostgreSQL-like {@link SqlSyntaxException}s whose positions are relative to the parsed text.
 *
 * <p>It drives {@link WeirSqlParserImpl} directly, configured as {@link SqlParser} would, because
 * {@code SqlParser} rewrites the parser's exception and loses the offending token.
 */
final class StatementParser {
    /** More expected tokens than this are not listed. */
    private static final int MAX_EXPECTED = 8;
    private static final int MAX_NEAR_LENGTH = 40;
    private static final String NON_QUERY = "Non-query expression encountered in illegal context";
    private static final Pattern LEXICAL_POSITION = Pattern.compile("line (\\d+), column (\\d+)");
    private static final Pattern LEXICAL_CHAR = Pattern.compile("Encountered: \"(.*?)\" \\(\\d+\\)");

    private StatementParser() {
    }

    /** Parses one statement; positions in errors are relative to {@code text}. */
    static SqlNode parseStatement(String text, SqlParser.Config config) {
        WeirSqlParserImpl parser = create(text, config);
        try {
            return parser.parseSqlStmtEof();
        } catch (Exception | TokenMgrError e) {
            throw translate(parser, e, text);
        }
    }

    /** Parses one expression; positions in errors are relative to {@code text}. */
    static SqlNode parseExpression(String text, SqlParser.Config config) {
        WeirSqlParserImpl parser = create(text, config);
        try {
            return parser.parseSqlExpressionEof();
        } catch (Exception | TokenMgrError e) {
            throw translate(parser, e, text);
        }
    }

    /** The error for a quote or block comment at {@code offset} that the text never closes. */
    static SqlSyntaxException unterminated(String text, int offset) {
        char c = text.charAt(offset);
        String what = c == '\'' ? "unterminated quoted string"
                : c == '/' ? "unterminated /* comment" : "unterminated quoted identifier";
        return atOffset(what + " at or near \"" + near(text.substring(offset)) + "\"", new SourceText(text),
                offset, null);
    }

    private static WeirSqlParserImpl create(String text, SqlParser.Config config) {
        WeirSqlParserImpl parser = (WeirSqlParserImpl) config.parserFactory().getParser(new SourceStringReader(text));
        parser.setTabSize(1);
        parser.setQuotedCasing(config.quotedCasing());
        parser.setUnquotedCasing(config.unquotedCasing());
        parser.setIdentifierMaxLength(config.identifierMaxLength());
        parser.setTimeUnitCodes(config.timeUnitCodes());
        parser.setConformance(config.conformance());
        parser.switchTo(SqlAbstractParserImpl.LexicalState.forConfig(config));
        return parser;
    }

    private static SqlSyntaxException translate(WeirSqlParserImpl parser, Throwable e, String text) {
        SourceText source = new SourceText(text);
        if (e instanceof ParseException parseException && parseException.currentToken != null) {
            return unexpectedToken(parseException, text, source);
        }
        if (e instanceof TokenMgrError) {
            return lexical(e, text, source);
        }
        if (e instanceof CalciteContextException context) {
            int offset = source.offset(context.getPosLine(), context.getPosColumn());
            String message = context.getCause() != null ? context.getCause().getMessage() : context.getMessage();
            if (NON_QUERY.equals(message)) {
                message = "syntax error at or near \"" + near(tokenAt(text, offset)) + "\"";
            }
            return atOffset(message, source, offset, e);
        }
        SqlParseException normalized = parser.normalizeException(e);
        SqlParserPos pos = normalized.getPos();
        int offset = pos == null ? 0 : source.offset(pos.getLineNum(), pos.getColumnNum());
        return atOffset(firstLine(normalized.getMessage()), source, offset, e);
    }

    private static SqlSyntaxException unexpectedToken(ParseException e, String text, SourceText source) {
        Token token = e.currentToken.next;
        String expected = expected(e);
        if (token == null || token.kind == WeirSqlParserImplConstants.EOF) {
            return atOffset("syntax error at end of input" + expected, source, text.length(), e);
        }
        int offset = source.offset(token.beginLine, token.beginColumn);
        return atOffset("syntax error at or near \"" + near(token.image) + "\"" + expected, source, offset, e);
    }

    private static SqlSyntaxException lexical(Throwable e, String text, SourceText source) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher position = LEXICAL_POSITION.matcher(message);
        Matcher character = LEXICAL_CHAR.matcher(message);
        if (position.find() && character.find()) {
            int offset = source.offset(Integer.parseInt(position.group(1)), Integer.parseInt(position.group(2)));
            return atOffset("syntax error at or near \"" + character.group(1) + "\"", source, offset, e);
        }
        return atOffset("syntax error at end of input", source, text.length(), e);
    }

    /** Lists the tokens the parser would have accepted, if there are few enough to help. */
    private static String expected(ParseException e) {
        if (e.expectedTokenSequences == null || e.tokenImage == null) {
            return "";
        }
        Set<String> names = new LinkedHashSet<>();
        for (int[] sequence : e.expectedTokenSequences) {
            if (sequence.length > 0) {
                names.add(e.tokenImage[sequence[sequence.length - 1]]);
            }
        }
        if (names.isEmpty() || names.size() > MAX_EXPECTED) {
            return "";
        }
        return "; expected one of: " + String.join(", ", names);
    }

    /** Returns the word, number, quoted text or single character that starts at {@code offset}. */
    private static String tokenAt(String text, int offset) {
        if (offset >= text.length()) {
            return "";
        }
        char first = text.charAt(offset);
        int end = offset + 1;
        if (Character.isLetterOrDigit(first) || first == '_') {
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
        }
        return text.substring(offset, end);
    }

    private static String near(String image) {
        String line = firstLine(image);
        return line.length() <= MAX_NEAR_LENGTH ? line : line.substring(0, MAX_NEAR_LENGTH) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static SqlSyntaxException atOffset(String message, SourceText source, int offset, Throwable cause) {
        return new SqlSyntaxException(message, source.line(offset), source.column(offset), offset + 1, cause);
    }
}

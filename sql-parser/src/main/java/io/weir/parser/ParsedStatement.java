package io.weir.parser;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.sql.SqlNode;

/**
 * One statement of a script, as returned by {@link WeirSqlParser#parseScript(String)}.
 *
 * <p>Positions inside {@code node} are relative to {@code text}, not to the script.
 *
 * @param node the parse tree
 * @param text the exact source slice of the statement, without the terminating ';' and without
 *     surrounding whitespace and comments
 * @param startOffset the 0-based character offset of {@code text} in the script
 * @param startLine the 1-based line of the script on which {@code text} starts
 */
public record ParsedStatement(SqlNode node, String text, int startOffset, int startLine) {
    /** Checks the components. */
    public ParsedStatement {
        requireNonNull(node, "node is null");
        requireNonNull(text, "text is null");
        if (startOffset < 0 || startLine < 1) {
            throw new IllegalArgumentException("bad position: offset " + startOffset + ", line " + startLine);
        }
    }
}

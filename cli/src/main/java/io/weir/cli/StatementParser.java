package io.weir.cli;

import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Tells the shell's line reader when a statement is complete: a line is accepted when it is a
 * backslash command or its SQL ends with {@code ;} outside quotes and comments; otherwise the
 * reader asks for another line, as psql does.
 */
final class StatementParser extends DefaultParser {
    StatementParser() {
        // backslash starts a meta-command (\timing, \q) and means nothing special inside SQL
        setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !isComplete(line)) {
            throw new EOFError(-1, -1, "the statement continues until ';'", ";");
        }
        return super.parse(line, cursor, context);
    }

    static boolean isComplete(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.startsWith("\\")) {
            return true;
        }
        // When the last statement was ended by ';', a statement appended to the text stands on its
        // own; otherwise it merges into the unfinished one (or into an open string or comment).
        List<ScriptSplitter.Statement> withMarker = ScriptSplitter.split(text + "\nSELECT 1");
        return withMarker.size() == ScriptSplitter.split(text).size() + 1;
    }
}

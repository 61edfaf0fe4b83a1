package io.weir.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts between 0-based character offsets and 1-based line and column numbers of a text,
 * counting line breaks ({@code \n}, {@code \r\n} or {@code \r}) and tabs as JavaCC does with
 * Calcite's tab size of 1.
 */
final class SourceText {
    private final int length;
    private final List<Integer> lineStarts = new ArrayList<>();

    SourceText(String text) {
        this.length = text.length();
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                lineStarts.add(i + 1);
            }
        }
    }

    /** Returns the 1-based line of a 0-based offset. */
    int line(int offset) {
        int low = 0;
        int high = lineStarts.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts.get(mid) <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    }

    /** Returns the 1-based column of a 0-based offset. */
    int column(int offset) {
        return offset - lineStarts.get(line(offset) - 1) + 1;
    }

    /** Returns the 0-based offset of a 1-based line and column, clamped to the text. */
    int offset(int line, int column) {
        int clampedLine = Math.max(1, Math.min(line, lineStarts.size()));
        int offset = lineStarts.get(clampedLine - 1) + Math.max(column, 1) - 1;
        return Math.min(offset, length);
    }
}

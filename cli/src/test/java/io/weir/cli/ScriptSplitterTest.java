package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cli.ScriptSplitter.Statement;
import org.junit.jupiter.api.Test;

class ScriptSplitterTest {
    @Test
    void splitsAtSemicolonsAndRecordsStartLines() {
        assertThat(ScriptSplitter.split("SELECT 1;\n\nSELECT 2;\nSELECT\n  3"))
                .containsExactly(new Statement("SELECT 1", 1), new Statement("SELECT 2", 3),
                        new Statement("SELECT\n  3", 4));
    }

    @Test
    void semicolonsInStringsAndIdentifiersDoNotSplit() {
        assertThat(ScriptSplitter.split("VALUES ('a;b', 'it''s;'); SELECT \"x;y\", `p;q` FROM t;"))
                .containsExactly(new Statement("VALUES ('a;b', 'it''s;')", 1),
                        new Statement("SELECT \"x;y\", `p;q` FROM t", 1));
    }

    @Test
    void commentsDoNotSplitAndLeadingCommentsAreDropped() {
        assertThat(ScriptSplitter.split("-- intro; still comment\n/* block;\n comment */ SELECT 1; -- tail;\n"))
                .containsExactly(new Statement("SELECT 1", 3));
        assertThat(ScriptSplitter.split("SELECT 1 -- a; b\n, 2;"))
                .containsExactly(new Statement("SELECT 1 -- a; b\n, 2", 1));
    }

    @Test
    void emptyStatementsAreDropped() {
        assertThat(ScriptSplitter.split(";;  ;\n-- only a comment\n;")).isEmpty();
        assertThat(ScriptSplitter.split("")).isEmpty();
    }

    @Test
    void newlinesInsideStringsCountForLaterLines() {
        assertThat(ScriptSplitter.split("SELECT 'a\nb';\nSELECT 2;"))
                .containsExactly(new Statement("SELECT 'a\nb'", 1), new Statement("SELECT 2", 3));
    }

    @Test
    void unterminatedStringRunsToTheEnd() {
        assertThat(ScriptSplitter.split("SELECT 'oops; SELECT 2;"))
                .containsExactly(new Statement("SELECT 'oops; SELECT 2;", 1));
    }
}

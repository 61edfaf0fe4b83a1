package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class ResultTablePrinterTest {
    @Test
    void formatsLikePsqlAligned() {
        String table = ResultTablePrinter.format(List.of("id", "name"), List.of(true, false),
                List.of(List.of("1", "Oslo"), Arrays.asList("100", null)));
        assertThat(table).isEqualTo(
                " id  | name \n"
                        + "-----+------\n"
                        + "   1 | Oslo\n"
                        + " 100 | \n"
                        + "(2 rows)\n");
    }

    @Test
    void singleRowSaysRow() {
        assertThat(ResultTablePrinter.format(List.of("n"), List.of(true), List.of(List.of("1"))))
                .isEqualTo(" n \n---\n 1\n(1 row)\n");
    }

    @Test
    void emptyResultStillHasHeader() {
        assertThat(ResultTablePrinter.format(List.of("a"), List.of(false), List.of()))
                .isEqualTo(" a \n---\n(0 rows)\n");
    }

    @Test
    void errorNamesScriptLineSqlStateAndCaret() {
        ServerErrorMessage server = new ServerErrorMessage("SERROR\0C42601\0MSyntax error\0P13\0");
        SQLException error = new PSQLException(server);
        String text = SqlCommand.describeError(error, new ScriptSplitter.Statement("SELECT 1\nFROM x y z", 5), "a.sql");
        assertThat(text.lines()).containsExactly(
                "ERROR at line 6 of a.sql: 42601 Syntax error",
                "LINE 6: FROM x y z",
                "           ^");
    }

    @Test
    void commandTagsFromStatements() {
        assertThat(SqlCommand.commandTag("create table t (a int)", 0)).isEqualTo("CREATE TABLE");
        assertThat(SqlCommand.commandTag("INSERT INTO t SELECT 1", 3)).isEqualTo("INSERT 0 3");
        assertThat(SqlCommand.commandTag("SET 'a' = 'b'", 0)).isEqualTo("SET");
    }
}

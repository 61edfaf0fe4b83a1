package io.weir.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class SyntaxErrorTest {
    private static SqlSyntaxException scriptError(String sql) {
        return catchThrowableOfType(SqlSyntaxException.class, () -> WeirSqlParser.parseScript(sql));
    }

    @Test
    void misspelledKeywordAtStart() {
        SqlSyntaxException e = scriptError("SELEC 1");
        assertThat(e.getMessage()).isEqualTo("syntax error at or near \"SELEC\"");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.offset()).isEqualTo(1);
    }

    @Test
    void errorOnThirdLine() {
        String sql = "SELECT a,\n  b\nFROM t WHERE WHERE";
        SqlSyntaxException e = scriptError(sql);
        assertThat(e.getMessage()).startsWith("syntax error at or near \"WHERE\"");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(14);
        assertThat(e.offset()).isEqualTo(sql.lastIndexOf("WHERE") + 1);
    }

    @Test
    void errorInSecondStatement() {
        String sql = "SELECT 1;\n\nCREATE TABLE t (\n  a INT,\n  b INTT NOT NULL NOT\n) WITH ('x' = 'y');";
        SqlSyntaxException e = scriptError(sql);
        assertThat(e.getMessage()).startsWith("syntax error at or near \"NOT\"");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo(19);
        assertThat(e.offset()).isEqualTo(sql.lastIndexOf("NOT") + 1);
    }

    @Test
    void errorOnFirstLineOfSecondStatement() {
        String sql = "SELECT 1; SELECT FROM";
        SqlSyntaxException e = scriptError(sql);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(18);
        assertThat(e.offset()).isEqualTo(18);
        assertThat(e.getMessage()).startsWith("syntax error at or near \"FROM\"");
    }

    @Test
    void endOfInput() {
        String sql = "SELECT *\nFROM";
        SqlSyntaxException e = scriptError(sql);
        assertThat(e.getMessage()).startsWith("syntax error at end of input");
        assertThat(e.offset()).isEqualTo(sql.length() + 1);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(5);
    }

    @Test
    void shortExpectedList() {
        SqlSyntaxException e = scriptError("STOP JOB abc");
        assertThat(e.getMessage()).isEqualTo("syntax error at or near \"abc\"; expected one of: <QUOTED_STRING>");
    }

    @Test
    void longExpectedListIsLeftOut() {
        SqlSyntaxException e = scriptError("SELECT * FROM t WHERE");
        assertThat(e.getMessage()).isEqualTo("syntax error at end of input");
    }

    @Test
    void unterminatedString() {
        String sql = "SELECT 1;\nSELECT 'abc";
        SqlSyntaxException e = scriptError(sql);
        assertThat(e.getMessage()).isEqualTo("unterminated quoted string at or near \"'abc\"");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.offset()).isEqualTo(sql.indexOf('\'') + 1);
    }

    @Test
    void unterminatedComment() {
        SqlSyntaxException e = scriptError("SELECT 1 /* no end");
        assertThat(e.getMessage()).startsWith("unterminated /* comment");
        assertThat(e.column()).isEqualTo(10);
    }

    @Test
    void duplicatePrimaryKey() {
        SqlSyntaxException e = scriptError("CREATE TABLE t (a INT PRIMARY KEY NOT ENFORCED, PRIMARY KEY (a) NOT ENFORCED)");
        assertThat(e.getMessage()).isEqualTo("Duplicate PRIMARY KEY definition");
        assertThat(e.column()).isEqualTo(49);
    }

    @Test
    void expressionError() {
        SqlSyntaxException e = catchThrowableOfType(SqlSyntaxException.class,
                () -> WeirSqlParser.parseExpression("a + b c"));
        assertThat(e.getMessage()).startsWith("syntax error at or near \"c\"");
        assertThat(e.column()).isEqualTo(7);
    }

    @Test
    void describeFormatsLineAndColumn() {
        assertThat(scriptError("SELEC 1").describe()).isEqualTo("line 1:1: syntax error at or near \"SELEC\"");
    }
}

package io.weir.server.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code $n} to {@code ?} rewriting of prepared statements. */
class PgParameterRewriterTest {
    @Test
    void numberedParametersBecomeMarkersAndKeepOffsets() {
        String sql = "SELECT a FROM t WHERE b = $2 AND c > $10 OR d = $2";
        PgParameterRewriter.Rewritten rewritten = PgParameterRewriter.rewrite(sql);
        assertThat(rewritten.sql()).isEqualTo("SELECT a FROM t WHERE b = ?  AND c > ?   OR d = ? ");
        assertThat(rewritten.sql()).hasSameSizeAs(sql);
        assertThat(rewritten.sql().indexOf("OR")).isEqualTo(sql.indexOf("OR"));
        assertThat(rewritten.markerNumbers()).containsExactly(2, 10, 2);
        assertThat(rewritten.parameterCount()).isEqualTo(10);
    }

    @Test
    void stringsIdentifiersAndCommentsAreLeftAlone() {
        String sql = "SELECT '$1', E'it\\'s $1', \"a$1\", `b$1`, x$1 -- $1\n /* $1 /* $1 */ $1 */ FROM t WHERE y = $1";
        PgParameterRewriter.Rewritten rewritten = PgParameterRewriter.rewrite(sql);
        assertThat(rewritten.markerNumbers()).isEqualTo(List.of(1));
        assertThat(rewritten.sql()).endsWith("WHERE y = ? ").startsWith("SELECT '$1', E'it\\'s $1', \"a$1\"");
    }

    @Test
    void textWithoutParametersIsUnchanged() {
        PgParameterRewriter.Rewritten rewritten = PgParameterRewriter.rewrite("SELECT 'it''s', $$ FROM t");
        assertThat(rewritten.sql()).isEqualTo("SELECT 'it''s', $$ FROM t");
        assertThat(rewritten.markerNumbers()).isEmpty();
        assertThat(rewritten.parameterCount()).isZero();
    }

    @Test
    void bareQuestionMarkIsReferredToNoParameter() {
        assertThat(PgParameterRewriter.rewrite("SELECT ? , $1").markerNumbers()).containsExactly(0, 1);
    }
}

package io.weir.executor.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FlinkFunctionsTest {
    @Test
    void nullOperandsGiveNull() {
        assertThat(FlinkFunctions.regexpExtract(null, "a", 0L)).isNull();
        assertThat(FlinkFunctions.regexpExtract("a", null)).isNull();
        assertThat(FlinkFunctions.regexpReplace("a", "a", null)).isNull();
        assertThat(FlinkFunctions.splitIndex("a,b", ",", null)).isNull();
        assertThat(FlinkFunctions.lpad(null, 3L, "x")).isNull();
        assertThat(FlinkFunctions.rpad("a", null, "x")).isNull();
        assertThat(FlinkFunctions.left(null, 1L)).isNull();
        assertThat(FlinkFunctions.right("a", null)).isNull();
        assertThat(FlinkFunctions.repeat(null, 2L)).isNull();
        assertThat(FlinkFunctions.reverse(null)).isNull();
        assertThat(FlinkFunctions.md5(null)).isNull();
        assertThat(FlinkFunctions.sha256(null)).isNull();
        assertThat(FlinkFunctions.greatest(1L, null, 3L)).isNull();
        assertThat(FlinkFunctions.least(null, "a")).isNull();
        assertThat(FlinkFunctions.truncate((BigDecimal) null, 1L)).isNull();
        assertThat(FlinkFunctions.fromUnixtime(null)).isNull();
        assertThat(FlinkFunctions.unixTimestamp(null)).isNull();
        assertThat(FlinkFunctions.toTimestamp(null)).isNull();
        assertThat(FlinkFunctions.toDate("2026-01-01", null)).isNull();
        assertThat(FlinkFunctions.concatWs(null, "a", "b")).isNull();
    }

    @Test
    void concatWsSkipsNullStrings() {
        assertThat(FlinkFunctions.concatWs("-", "a", null, "b")).isEqualTo("a-b");
        assertThat(FlinkFunctions.concatWs("-", null, null)).isEmpty();
    }

    @Test
    void stringFunctions() {
        assertThat(FlinkFunctions.regexpExtract("foo123bar", "([a-z]+)([0-9]+)", 2L)).isEqualTo("123");
        assertThat(FlinkFunctions.regexpExtract("foo123bar", "([a-z]+)([0-9]+)", 0L)).isEqualTo("foo123");
        assertThat(FlinkFunctions.regexpExtract("foo", "[0-9]+", 0L)).isNull();
        assertThat(FlinkFunctions.regexpExtract("foo", "(", 0L)).isNull();
        assertThat(FlinkFunctions.regexpExtract("foo", "(o)", 3L)).isNull();
        assertThat(FlinkFunctions.regexpReplace("a1b22", "[0-9]+", "$")).isEqualTo("a$b$");
        assertThat(FlinkFunctions.splitIndex("a,,c", ",", 1L)).isEmpty();
        assertThat(FlinkFunctions.splitIndex("a::b::c", "::", 2L)).isEqualTo("c");
        assertThat(FlinkFunctions.splitIndex("a,b", ",", 2L)).isNull();
        assertThat(FlinkFunctions.splitIndex("a,b", ",", -1L)).isNull();
        assertThat(FlinkFunctions.lpad("hi", 5L, "xy")).isEqualTo("xyxhi");
        assertThat(FlinkFunctions.lpad("hello", 2L, "x")).isEqualTo("he");
        assertThat(FlinkFunctions.rpad("hi", 4L, "?")).isEqualTo("hi??");
        assertThat(FlinkFunctions.rpad("hi", -1L, "?")).isNull();
        assertThat(FlinkFunctions.lpad("hi", 4L, "")).isNull();
        assertThat(FlinkFunctions.left("hello", 2L)).isEqualTo("he");
        assertThat(FlinkFunctions.left("hello", -2L)).isEmpty();
        assertThat(FlinkFunctions.right("hello", 9L)).isEqualTo("hello");
        assertThat(FlinkFunctions.repeat("ab", 3L)).isEqualTo("ababab");
        assertThat(FlinkFunctions.repeat("ab", -1L)).isEmpty();
        assertThat(FlinkFunctions.reverse("tromsø")).isEqualTo("øsmort");
        assertThat(FlinkFunctions.md5("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(FlinkFunctions.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void numericFunctions() {
        assertThat(FlinkFunctions.greatest(3L, 9L, 4L)).isEqualTo(9L);
        assertThat(FlinkFunctions.least("b", "a", "c")).isEqualTo("a");
        assertThat(FlinkFunctions.truncate(new BigDecimal("-2.789"), 2L)).isEqualTo(new BigDecimal("-2.780"));
        assertThat(FlinkFunctions.truncate(1299L, -2L)).isEqualTo(1200L);
        assertThat(FlinkFunctions.truncate(2.789, 1L)).isEqualTo(2.7);
    }

    @Test
    void timeFunctionsAreUtcAndNullWhenTheTextDoesNotParse() {
        assertThat(FlinkFunctions.fromUnixtime(86_400L)).isEqualTo("1970-01-02 00:00:00");
        assertThat(FlinkFunctions.fromUnixtime(0L, "yyyy/MM/dd")).isEqualTo("1970/01/01");
        assertThat(FlinkFunctions.unixTimestamp("1970-01-02 00:00:01")).isEqualTo(86_401L);
        assertThat(FlinkFunctions.unixTimestamp("not a time")).isNull();
        assertThat(FlinkFunctions.toTimestamp("1970-01-01 00:00:01.5", "yyyy-MM-dd HH:mm:ss.S")).isEqualTo(1_500L);
        assertThat(FlinkFunctions.toDate("1970-01-11")).isEqualTo(10);
        assertThat(FlinkFunctions.toDate("11/01/1970", "dd/MM/yyyy")).isEqualTo(10);
    }

    @Test
    void locateFindsTheFirstMatchAtOrAfterTheStart() {
        assertThat(FlinkFunctions.locate("b", "abcb")).isEqualTo("abcb".indexOf('b') + 1);
        assertThat(FlinkFunctions.locate("b", "abcb", 3L)).isEqualTo("abcb".indexOf('b', 2) + 1);
        assertThat(FlinkFunctions.locate("z", "abc")).isZero();
        assertThat(FlinkFunctions.locate("a", "abc", 0L)).isZero();
        assertThat(FlinkFunctions.locate(null, "abc")).isNull();
    }

    @Test
    void jsonValueReadsScalarsAlongMemberAndIndexSteps() {
        String json = "{\"a\": {\"b\": \"x\", \"n\": 7}, \"arr\": [1, {\"c d\": true}], \"nil\": null}";
        assertThat(FlinkFunctions.jsonValue(json, "$.a.b", false)).isEqualTo("x");
        assertThat(FlinkFunctions.jsonValue(json, "lax $.a.n", false)).isEqualTo("7");
        assertThat(FlinkFunctions.jsonValue(json, "$.arr[1]['c d']", false)).isEqualTo("true");
        assertThat(FlinkFunctions.jsonValue(json, "$.a", false)).as("an object is not a scalar").isNull();
        assertThat(FlinkFunctions.jsonValue(json, "$.nil", false)).isNull();
        assertThat(FlinkFunctions.jsonValue(json, "$.missing", false)).isNull();
        assertThat(FlinkFunctions.jsonValue(null, "$.a", false)).isNull();
        assertThat(FlinkFunctions.jsonValue("not json", "$.a", false)).isNull();
        assertThatThrownBy(() -> FlinkFunctions.jsonValue("not json", "$.a", true))
                .isInstanceOf(io.weir.spi.error.WeirException.class).hasMessageContaining("$.a");
        assertThat(FlinkFunctions.jsonPointer("$['x/y']")).isEqualTo("/x~1y");
    }
}

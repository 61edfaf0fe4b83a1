package io.weir.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.parser.ddl.SqlCreateFunction;
import io.weir.parser.ddl.SqlCreateTable;
import io.weir.parser.ddl.SqlCreateView;
import io.weir.parser.ddl.SqlDropFunction;
import io.weir.parser.ddl.SqlDropTable;
import io.weir.parser.ddl.SqlDropView;
import io.weir.parser.ddl.SqlReset;
import io.weir.parser.ddl.SqlSet;
import io.weir.parser.ddl.SqlStopJob;
import io.weir.parser.ddl.SqlTableColumn;
import io.weir.parser.dql.SqlDescribeTable;
import io.weir.parser.dql.SqlExplainStatement;
import io.weir.parser.dql.SqlShowCreate;
import io.weir.parser.dql.SqlShowFunctions;
import io.weir.parser.dql.SqlShowJobs;
import io.weir.parser.dql.SqlShowTables;
import io.weir.parser.dql.SqlShowVariable;
import io.weir.parser.dql.SqlShowViews;
import io.weir.parser.type.AliasedBasicTypeNameSpec;
import io.weir.parser.type.ArrayTypeNameSpec;
import io.weir.parser.type.MapTypeNameSpec;
import io.weir.parser.type.RowTypeNameSpec;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class WeirSqlParserTest {
    /** Parses, unparses, parses again and checks the second unparse equals the first. */
    private static SqlNode roundTrip(String sql) {
        SqlNode node = WeirSqlParser.parseStatement(sql);
        String first = WeirSqlWriters.unparse(node);
        SqlNode reparsed = WeirSqlParser.parseStatement(first);
        String second = WeirSqlWriters.unparse(reparsed);
        assertThat(second).as("unparse of %s", first).isEqualTo(first);
        return node;
    }

    private static SqlDataTypeSpec columnType(SqlCreateTable table, int index) {
        return ((SqlTableColumn.Physical) table.columns().get(index)).type();
    }

    @Test
    void createTableWithAllClauses() {
        SqlCreateTable table = (SqlCreateTable) roundTrip("""
                CREATE TABLE IF NOT EXISTS db.orders (
                  id BIGINT NOT NULL COMMENT 'order id',
                  product STRING,
                  price DECIMAL(10, 2),
                  total AS price * 2 COMMENT 'computed',
                  ts TIMESTAMP(3),
                  kafka_offset BIGINT METADATA FROM 'offset' VIRTUAL,
                  `partition` INT METADATA,
                  CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED,
                  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
                ) COMMENT 'the orders'
                PARTITIONED BY (product)
                WITH ('connector' = 'kafka', 'topic' = 'it''s', 'format' = 'json')
                """);
        assertThat(table.name().names).containsExactly("db", "orders");
        assertThat(table.ifNotExists()).isTrue();
        assertThat(table.columns()).hasSize(7);
        assertThat(table.columns().get(0)).isInstanceOf(SqlTableColumn.Physical.class);
        SqlTableColumn.Physical id = (SqlTableColumn.Physical) table.columns().get(0);
        assertThat(id.nameAsString()).isEqualTo("id");
        assertThat(id.nullable()).isFalse();
        assertThat(id.comment()).contains("order id");
        assertThat(columnType(table, 1).getTypeNameSpec()).isInstanceOf(AliasedBasicTypeNameSpec.class);
        assertThat(columnType(table, 1).getTypeName().getSimple()).isEqualTo("VARCHAR");
        SqlTableColumn.Computed total = (SqlTableColumn.Computed) table.columns().get(3);
        assertThat(total.expression().getKind()).isEqualTo(SqlKind.TIMES);
        assertThat(total.comment()).contains("computed");
        SqlTableColumn.Metadata offset = (SqlTableColumn.Metadata) table.columns().get(5);
        assertThat(offset.metadataKey()).contains("offset");
        assertThat(offset.isVirtual()).isTrue();
        SqlTableColumn.Metadata partition = (SqlTableColumn.Metadata) table.columns().get(6);
        assertThat(partition.nameAsString()).isEqualTo("partition");
        assertThat(partition.metadataKey()).isEmpty();
        assertThat(partition.isVirtual()).isFalse();
        assertThat(table.primaryKey()).containsExactly("id");
        assertThat(table.constraintName()).contains("pk");
        assertThat(table.watermark()).hasValueSatisfying(w -> {
            assertThat(w.columnName()).isEqualTo("ts");
            assertThat(w.expression().getKind()).isEqualTo(SqlKind.MINUS);
        });
        assertThat(table.partitionKeys()).containsExactly("product");
        assertThat(table.comment()).contains("the orders");
        assertThat(table.options()).containsExactly(
                Map.entry("connector", "kafka"), Map.entry("topic", "it's"), Map.entry("format", "json"));
    }

    @Test
    void createTableWithInlinePrimaryKeyAndNoOptions() {
        SqlCreateTable table = (SqlCreateTable) roundTrip(
                "CREATE TABLE t (id BIGINT PRIMARY KEY NOT ENFORCED, name VARCHAR(20))");
        assertThat(table.primaryKey()).containsExactly("id");
        assertThat(table.options()).isEmpty();
        assertThat(table.watermark()).isEmpty();
        assertThat(table.ifNotExists()).isFalse();
        assertThat(table.comment()).isEmpty();
        assertThat(WeirSqlWriters.unparse(table)).contains("PRIMARY KEY (id) NOT ENFORCED")
                .doesNotContain("WITH");
    }

    @Test
    void createTableKeepsIdentifierCase() {
        SqlCreateTable table = (SqlCreateTable) roundTrip("CREATE TABLE MyTable (UserId INT) WITH ('a' = 'b')");
        assertThat(table.name().getSimple()).isEqualTo("MyTable");
        assertThat(table.columns().get(0).nameAsString()).isEqualTo("UserId");
    }

    @Test
    void namesBuiltWithoutQuotesAreQuotedWhereTheyMustBe() {
        // what the validator makes of SELECT * FROM bid: identifiers without quoting positions
        SqlIdentifier reserved = new SqlIdentifier(List.of("bid", "dateTime"), SqlParserPos.ZERO);
        SqlIdentifier plain = new SqlIdentifier(List.of("bid", "price"), SqlParserPos.ZERO);
        assertThat(WeirSqlWriters.unparse(reserved)).isEqualTo("bid.`dateTime`");
        assertThat(WeirSqlWriters.unparse(plain)).isEqualTo("bid.price");
    }

    @Test
    void newKeywordsStayUsableAsColumnNames() {
        SqlCreateTable table = (SqlCreateTable) roundTrip("""
                CREATE TABLE jobs (watermark TIMESTAMP(3), comment STRING, metadata INT, string INT, bytes INT,
                  tables INT, views INT, job INT, stop INT, drain INT, virtual INT, enforced INT, partitioned INT,
                  materialized INT, timestamp_ltz INT, `if` INT, WATERMARK FOR watermark AS watermark)
                """);
        assertThat(table.columns()).extracting(SqlTableColumn::nameAsString).containsExactly(
                "watermark", "comment", "metadata", "string", "bytes", "tables", "views", "job", "stop", "drain",
                "virtual", "enforced", "partitioned", "materialized", "timestamp_ltz", "if");
        assertThat(table.watermark().orElseThrow().columnName()).isEqualTo("watermark");
        roundTrip("SELECT watermark, comment, jobs, `string` FROM tables WHERE stop = 1");
    }

    @Test
    void flinkTypes() {
        SqlCreateTable table = (SqlCreateTable) roundTrip("""
                CREATE TABLE t (
                  s STRING, b BYTES, l TIMESTAMP_LTZ(3), l2 TIMESTAMP(6) WITH LOCAL TIME ZONE,
                  a ARRAY<INT NOT NULL>, m MAP<STRING, ARRAY<BIGINT>>,
                  r ROW<x INT NOT NULL, y STRING>, r2 ROW(x INT, y MAP<INT, DOUBLE NOT NULL>),
                  t1 TINYINT, t2 SMALLINT, t3 INTEGER, t4 BIGINT, f FLOAT, d DOUBLE, re REAL, de DECIMAL(20, 4),
                  c CHAR(3), v VARCHAR(10), bo BOOLEAN, da DATE, ti TIME(3), ts TIMESTAMP(9),
                  bi BINARY(4), vb VARBINARY(8), nested ARRAY<ROW<a INT>>, legacy INT ARRAY
                )
                """);
        assertThat(columnType(table, 0).getTypeNameSpec()).isInstanceOfSatisfying(AliasedBasicTypeNameSpec.class,
                spec -> {
                    assertThat(spec.getTypeName().getSimple()).isEqualTo("VARCHAR");
                    assertThat(spec.getPrecision()).isEqualTo(Integer.MAX_VALUE);
                });
        assertThat(columnType(table, 1).getTypeName().getSimple()).isEqualTo("VARBINARY");
        SqlBasicTypeNameSpec ltz = (SqlBasicTypeNameSpec) columnType(table, 2).getTypeNameSpec();
        assertThat(ltz.getTypeName().getSimple()).isEqualTo(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE.name());
        assertThat(ltz.getPrecision()).isEqualTo(3);
        assertThat(columnType(table, 3).getTypeName().getSimple())
                .isEqualTo(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE.name());
        ArrayTypeNameSpec array = (ArrayTypeNameSpec) columnType(table, 4).getTypeNameSpec();
        assertThat(array.elementType().getNullable()).isFalse();
        MapTypeNameSpec map = (MapTypeNameSpec) columnType(table, 5).getTypeNameSpec();
        assertThat(map.valueType().getTypeNameSpec()).isInstanceOf(ArrayTypeNameSpec.class);
        RowTypeNameSpec row = (RowTypeNameSpec) columnType(table, 6).getTypeNameSpec();
        assertThat(row.fieldNames()).extracting(id -> id.getSimple()).containsExactly("x", "y");
        assertThat(row.fieldTypes().get(0).getNullable()).isFalse();
        assertThat(row.fieldTypes().get(1).getNullable()).isTrue();
        assertThat(columnType(table, 7).getTypeNameSpec()).isInstanceOf(RowTypeNameSpec.class);
        String unparsed = WeirSqlWriters.unparse(table);
        assertThat(unparsed).contains("(s STRING, b BYTES, ", "TIMESTAMP_LTZ(3)", "ARRAY<INTEGER NOT NULL>");
    }

    @Test
    void flinkTypesInCast() {
        SqlNode expression = WeirSqlParser.parseExpression("CAST(x AS STRING)");
        assertThat(expression.getKind()).isEqualTo(SqlKind.CAST);
        SqlDataTypeSpec type = (SqlDataTypeSpec) ((SqlBasicCall) expression).operand(1);
        assertThat(type.getTypeName().getSimple()).isEqualTo("VARCHAR");
        roundTrip("SELECT CAST(a AS BYTES), CAST(b AS MAP<STRING, INT>), CAST(c AS ARRAY<STRING>), "
                + "CAST(d AS TIMESTAMP_LTZ(3)), CAST(e AS ROW<f INT>), CAST(g AS DECIMAL(5, 1)) FROM t");
    }

    @Test
    void createView() {
        SqlCreateView view = (SqlCreateView) roundTrip("CREATE VIEW IF NOT EXISTS v (a, b) AS SELECT x, y FROM t");
        assertThat(view.name().getSimple()).isEqualTo("v");
        assertThat(view.columnNames()).containsExactly("a", "b");
        assertThat(view.ifNotExists()).isTrue();
        assertThat(view.temporary()).isFalse();
        assertThat(view.materialized()).isFalse();
        assertThat(view.query()).isInstanceOf(SqlSelect.class);

        SqlCreateView temporary = (SqlCreateView) roundTrip("CREATE TEMPORARY VIEW v AS SELECT 1");
        assertThat(temporary.temporary()).isTrue();
        assertThat(temporary.columnNames()).isEmpty();

        SqlCreateView materialized = (SqlCreateView) roundTrip(
                "CREATE MATERIALIZED VIEW mv AS SELECT product, COUNT(*) AS c FROM orders GROUP BY product");
        assertThat(materialized.materialized()).isTrue();
        assertThat(materialized.getKind()).isEqualTo(SqlKind.CREATE_MATERIALIZED_VIEW);
    }

    @Test
    void dropStatements() {
        SqlDropTable table = (SqlDropTable) roundTrip("DROP TABLE IF EXISTS db.t");
        assertThat(table.ifExists()).isTrue();
        assertThat(table.name().names).containsExactly("db", "t");
        assertThat(((SqlDropTable) roundTrip("DROP TABLE t")).ifExists()).isFalse();

        SqlDropView view = (SqlDropView) roundTrip("DROP VIEW v");
        assertThat(view.ifExists()).isFalse();
        assertThat(view.materialized()).isFalse();
        SqlDropView materialized = (SqlDropView) roundTrip("DROP MATERIALIZED VIEW IF EXISTS mv");
        assertThat(materialized.materialized()).isTrue();
        assertThat(materialized.ifExists()).isTrue();
    }

    @Test
    void createAndDropFunction() {
        SqlCreateFunction create = (SqlCreateFunction) roundTrip(
                "CREATE TEMPORARY FUNCTION IF NOT EXISTS count_char AS 'com.x.CountChar' LANGUAGE JAVA "
                        + "USING JAR 'file:///tmp/a.jar', JAR 'file:///tmp/b.jar'");
        assertThat(create.temporary()).isTrue();
        assertThat(create.ifNotExists()).isTrue();
        assertThat(create.name().getSimple()).isEqualTo("count_char");
        assertThat(create.className()).isEqualTo("com.x.CountChar");
        assertThat(create.language()).isEqualTo("JAVA");
        assertThat(create.jars()).extracting(jar -> jar.getValueAs(String.class))
                .containsExactly("file:///tmp/a.jar", "file:///tmp/b.jar");
        assertThat(WeirSqlWriters.unparse(create)).isEqualTo("CREATE TEMPORARY FUNCTION IF NOT EXISTS count_char "
                + "AS 'com.x.CountChar' LANGUAGE JAVA USING JAR 'file:///tmp/a.jar' , JAR 'file:///tmp/b.jar'");

        SqlCreateFunction plain = (SqlCreateFunction) roundTrip("CREATE FUNCTION f AS 'F'");
        assertThat(plain.temporary()).isFalse();
        assertThat(plain.ifNotExists()).isFalse();
        assertThat(plain.jars()).isEmpty();
        assertThat(plain.language()).isEqualTo("JAVA");

        SqlDropFunction drop = (SqlDropFunction) roundTrip("DROP TEMPORARY FUNCTION IF EXISTS f");
        assertThat(drop.temporary()).isTrue();
        assertThat(drop.ifExists()).isTrue();
        assertThat(((SqlDropFunction) roundTrip("drop function f")).ifExists()).isFalse();
        assertThat(((SqlShowFunctions) roundTrip("SHOW FUNCTIONS")).userOnly()).isFalse();
        assertThat(((SqlShowFunctions) roundTrip("SHOW USER FUNCTIONS")).userOnly()).isTrue();
        // the new keywords stay usable as names
        roundTrip("SELECT functions, jar FROM t");
    }

    @Test
    void showStatements() {
        assertThat(roundTrip("SHOW TABLES")).isInstanceOf(SqlShowTables.class);
        assertThat(roundTrip("show views")).isInstanceOf(SqlShowViews.class);
        assertThat(roundTrip("SHOW JOBS")).isInstanceOf(SqlShowJobs.class);
        SqlShowCreate table = (SqlShowCreate) roundTrip("SHOW CREATE TABLE db.t");
        assertThat(table.kind()).isEqualTo(SqlShowCreate.Kind.TABLE);
        assertThat(table.name().names).containsExactly("db", "t");
        assertThat(((SqlShowCreate) roundTrip("SHOW CREATE VIEW v")).kind()).isEqualTo(SqlShowCreate.Kind.VIEW);
        assertThat(((SqlShowVariable) roundTrip("SHOW server_version")).name()).isEqualTo("server_version");
        SqlShowVariable all = (SqlShowVariable) roundTrip("SHOW ALL");
        assertThat(all.isAll()).isTrue();
        assertThat(((SqlShowVariable) roundTrip("SHOW TRANSACTION ISOLATION LEVEL")).name())
                .isEqualTo("transaction_isolation");
        assertThat(((SqlShowVariable) roundTrip("SHOW search_path")).name()).isEqualTo("search_path");
    }

    @Test
    void describe() {
        assertThat(((SqlDescribeTable) roundTrip("DESCRIBE orders")).name().getSimple()).isEqualTo("orders");
        assertThat(((SqlDescribeTable) roundTrip("DESC db.orders")).name().names).containsExactly("db", "orders");
    }

    @Test
    void setFlinkStyle() {
        SqlSet set = (SqlSet) roundTrip("SET 'execution.checkpointing.interval' = '10 s'");
        assertThat(set.key()).contains("execution.checkpointing.interval");
        assertThat(set.value()).contains("10 s");
        SqlSet list = (SqlSet) roundTrip("SET");
        assertThat(list.key()).isEmpty();
        assertThat(list.value()).isEmpty();
    }

    @Test
    void setPostgresStyle() {
        SqlSet digits = (SqlSet) roundTrip("SET extra_float_digits = 3");
        assertThat(digits.key()).contains("extra_float_digits");
        assertThat(digits.value()).contains("3");
        SqlSet path = (SqlSet) roundTrip("SET search_path TO public");
        assertThat(path.key()).contains("search_path");
        assertThat(path.value()).contains("public");
        SqlSet name = (SqlSet) roundTrip("SET application_name = 'PostgreSQL JDBC Driver'");
        assertThat(name.value()).contains("PostgreSQL JDBC Driver");
        SqlSet dotted = (SqlSet) roundTrip("SET execution.mini_batch.enabled = true");
        assertThat(dotted.key()).contains("execution.mini_batch.enabled");
        assertThat(dotted.value()).contains("true");
        assertThat(((SqlSet) roundTrip("SET x = -1")).value()).contains("-1");
        assertThat(((SqlSet) roundTrip("SET x = on")).value()).contains("ON");
        SqlSet zone = (SqlSet) roundTrip("SET TIME ZONE 'UTC'");
        assertThat(zone.key()).contains("timezone");
        assertThat(zone.value()).contains("UTC");
    }

    @Test
    void alterSessionSetUsesTheSameStatement() {
        SqlSet set = (SqlSet) roundTrip("ALTER SESSION SET 'a' = 'b'");
        assertThat(set.getScope()).isEqualTo("SESSION");
        assertThat(set.key()).contains("a");
    }

    @Test
    void reset() {
        assertThat(((SqlReset) roundTrip("RESET 'execution.runtime-mode'")).key()).contains("execution.runtime-mode");
        assertThat(((SqlReset) roundTrip("RESET search_path")).key()).contains("search_path");
        assertThat(((SqlReset) roundTrip("RESET")).key()).isEmpty();
        assertThat(((SqlReset) roundTrip("RESET ALL")).key()).isEmpty();
    }

    @Test
    void stopJob() {
        SqlStopJob plain = (SqlStopJob) roundTrip("STOP JOB 'abc-123'");
        assertThat(plain.jobId()).isEqualTo("abc-123");
        assertThat(plain.withSavepoint()).isFalse();
        assertThat(plain.withDrain()).isFalse();
        SqlStopJob both = (SqlStopJob) roundTrip("STOP JOB 'j' WITH SAVEPOINT WITH DRAIN");
        assertThat(both.withSavepoint()).isTrue();
        assertThat(both.withDrain()).isTrue();
        SqlStopJob drain = (SqlStopJob) roundTrip("STOP JOB 'j' WITH DRAIN");
        assertThat(drain.withSavepoint()).isFalse();
        assertThat(drain.withDrain()).isTrue();
    }

    @Test
    void explain() {
        SqlExplainStatement query = (SqlExplainStatement) roundTrip("EXPLAIN SELECT * FROM t");
        assertThat(query.statement()).isInstanceOf(SqlSelect.class);
        SqlExplainStatement planFor = (SqlExplainStatement) roundTrip("EXPLAIN PLAN FOR SELECT 1");
        assertThat(planFor.statement().getKind()).isEqualTo(SqlKind.SELECT);
        SqlExplainStatement insert = (SqlExplainStatement) roundTrip("EXPLAIN INSERT INTO s SELECT * FROM t");
        assertThat(insert.statement()).isInstanceOf(SqlInsert.class);
    }

    @Test
    void insert() {
        SqlInsert insert = (SqlInsert) roundTrip("INSERT INTO sink (a, b) SELECT a, b FROM src WHERE a > 1");
        assertThat(insert.getTargetColumnList()).hasSize(2);
        assertThat(roundTrip("INSERT INTO sink SELECT * FROM src")).isInstanceOf(SqlInsert.class);
    }

    @Test
    void windowTableFunctions() {
        SqlNode query = roundTrip("""
                SELECT window_start, window_end, product, SUM(units) AS u
                FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND))
                GROUP BY window_start, window_end, product
                """);
        assertThat(query).isInstanceOf(SqlSelect.class);
        roundTrip("SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))");
    }

    @Test
    void lenientConformance() {
        roundTrip("SELECT a AS k, COUNT(*) FROM t GROUP BY k LIMIT 10");
    }

    @Test
    void scriptOfThreeStatementsWithComments() {
        String script = """
                -- create a source
                CREATE TABLE t (a INT) WITH ('connector' = 'datagen');
                /* a block
                   comment */ SELECT 'a;b' FROM t;;
                INSERT INTO s SELECT * FROM t; -- trailing comment
                """;
        List<ParsedStatement> statements = WeirSqlParser.parseScript(script);
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).node()).isInstanceOf(SqlCreateTable.class);
        assertThat(statements.get(0).text()).isEqualTo("CREATE TABLE t (a INT) WITH ('connector' = 'datagen')");
        assertThat(statements.get(0).startLine()).isEqualTo(2);
        assertThat(statements.get(0).startOffset()).isEqualTo(script.indexOf("CREATE"));
        assertThat(statements.get(1).text()).isEqualTo("SELECT 'a;b' FROM t");
        assertThat(statements.get(1).startLine()).isEqualTo(4);
        assertThat(statements.get(1).startOffset()).isEqualTo(script.indexOf("SELECT 'a;b'"));
        assertThat(statements.get(2).node()).isInstanceOf(SqlInsert.class);
        assertThat(statements.get(2).text()).isEqualTo("INSERT INTO s SELECT * FROM t");
        assertThat(statements.get(2).startLine()).isEqualTo(5);
    }

    @Test
    void emptyScripts() {
        assertThat(WeirSqlParser.parseScript("")).isEmpty();
        assertThat(WeirSqlParser.parseScript(" ; ;\n-- only a comment\n")).isEmpty();
    }

    @Test
    void parseStatementAcceptsTrailingSemicolonAndRejectsTwo() {
        assertThat(WeirSqlParser.parseStatement("SELECT 1;")).isInstanceOf(SqlSelect.class);
        assertThatThrownBy(() -> WeirSqlParser.parseStatement("SELECT 1; SELECT 2"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("exactly one statement");
        assertThatThrownBy(() -> WeirSqlParser.parseStatement("  "))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("syntax error at end of input");
    }
}

<#--
  Weir's grammar extensions to Calcite's Parser.jj (JavaCC syntax).

  Productions used from Calcite: span(), getPos(), SimpleIdentifier(),
  CompoundIdentifier(), DataType(), Expression(), OrderedQueryOrExpr(),
  SqlQueryOrDml(), ParenthesizedSimpleIdentifierList(), Literal(),
  NumericLiteral(), PrecisionOpt(), NullableOptDefaultTrue().
-->

/** Parses a single-quoted string literal into a character literal without a charset. */
SqlCharStringLiteral QuotedString() :
{
}
{
    <QUOTED_STRING> {
        return SqlLiteral.createCharString(SqlParserUtil.parseString(token.image), getPos());
    }
}

/**
 * CREATE TABLE [IF NOT EXISTS] name (element, ...) [COMMENT '...']
 * [PARTITIONED BY (c, ...)] [WITH ('k' = 'v', ...)]
 */
SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    boolean ifNotExists = false;
    final SqlIdentifier name;
    final List<SqlTableColumn> columns = new ArrayList<SqlTableColumn>();
    final SqlWatermark[] watermark = new SqlWatermark[1];
    final SqlIdentifier[] constraintName = new SqlIdentifier[1];
    final List<SqlNodeList> primaryKeys = new ArrayList<SqlNodeList>();
    SqlCharStringLiteral comment = null;
    SqlNodeList partitionKeys = SqlNodeList.EMPTY;
    SqlNodeList tableOptions = SqlNodeList.EMPTY;
}
{
    <TABLE>
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    name = CompoundIdentifier()
    <LPAREN>
    TableElement(columns, watermark, constraintName, primaryKeys)
    ( <COMMA> TableElement(columns, watermark, constraintName, primaryKeys) )*
    <RPAREN>
    [ <COMMENT> comment = QuotedString() ]
    [ <PARTITIONED> <BY> partitionKeys = ParenthesizedSimpleIdentifierList() ]
    [ <WITH> tableOptions = TableOptions() ]
    {
        if (primaryKeys.size() > 1) {
            throw SqlCreateTable.duplicateClause(primaryKeys.get(1).getParserPosition(), "PRIMARY KEY");
        }
        return new SqlCreateTable(s.end(this), replace, ifNotExists, name, columns,
            watermark[0], constraintName[0],
            primaryKeys.isEmpty() ? null : primaryKeys.get(0),
            comment, partitionKeys, tableOptions);
    }
}

/** One element of a CREATE TABLE list: a column, a watermark or a primary key. */
void TableElement(List<SqlTableColumn> columns, SqlWatermark[] watermark,
    SqlIdentifier[] constraintName, List<SqlNodeList> primaryKeys) :
{
    final Span s;
    final SqlIdentifier column;
    final SqlNode expression;
    final SqlNodeList keys;
}
{
    LOOKAHEAD(2)
    <WATERMARK> { s = span(); } <FOR> column = SimpleIdentifier() <AS>
    expression = Expression(ExprContext.ACCEPT_NON_QUERY) {
        if (watermark[0] != null) {
            throw SqlCreateTable.duplicateClause(s.end(this), "WATERMARK");
        }
        watermark[0] = new SqlWatermark(s.end(this), column, expression);
    }
|
    [ <CONSTRAINT> constraintName[0] = SimpleIdentifier() ]
    <PRIMARY> { s = span(); } <KEY> keys = ParenthesizedSimpleIdentifierList()
    <NOT> <ENFORCED> {
        primaryKeys.add(new SqlNodeList(keys.getList(), s.end(this)));
    }
|
    TableColumn(columns, primaryKeys)
}

/** A physical, computed or metadata column, with an optional inline PRIMARY KEY. */
void TableColumn(List<SqlTableColumn> columns, List<SqlNodeList> primaryKeys) :
{
    final SqlIdentifier name;
    final SqlNode expression;
    SqlDataTypeSpec type;
    boolean nullable;
    SqlCharStringLiteral metadataKey = null;
    boolean isVirtual = false;
    SqlCharStringLiteral comment = null;
    final Span s;
}
{
    name = SimpleIdentifier()
    (
        <AS> expression = Expression(ExprContext.ACCEPT_NON_QUERY)
        [ <COMMENT> comment = QuotedString() ]
        {
            columns.add(new SqlTableColumn.Computed(name.getParserPosition(), name, expression,
                comment));
        }
    |
        type = DataType()
        nullable = NullableOptDefaultTrue() { type = type.withNullable(nullable); }
        (
            <METADATA>
            [ <FROM> metadataKey = QuotedString() ]
            [ <VIRTUAL> { isVirtual = true; } ]
            [ <COMMENT> comment = QuotedString() ]
            {
                columns.add(new SqlTableColumn.Metadata(name.getParserPosition(), name, type,
                    metadataKey, isVirtual, comment));
            }
        |
            [
                <PRIMARY> { s = span(); } <KEY> <NOT> <ENFORCED> {
                    primaryKeys.add(new SqlNodeList(Collections.singletonList(name), s.end(this)));
                }
            ]
            [ <COMMENT> comment = QuotedString() ]
            {
                columns.add(new SqlTableColumn.Physical(name.getParserPosition(), name, type,
                    comment));
            }
        )
    )
}

/** ('key' = 'value', ...): the options of a table. */
SqlNodeList TableOptions() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    [
        TableOption(list)
        ( <COMMA> TableOption(list) )*
    ]
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

void TableOption(List<SqlNode> list) :
{
    final SqlNode key;
    final SqlNode value;
}
{
    key = QuotedString() <EQ> value = QuotedString() {
        list.add(key);
        list.add(value);
    }
}

/**
 * CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(c, ...)] [COMMENT '...'] AS query,
 * CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [(c, ...)] [COMMENT '...'] AS query
 */
SqlCreate SqlCreateView(Span s, boolean replace) :
{
    boolean temporary = false;
    boolean materialized = false;
    boolean ifNotExists = false;
    final SqlIdentifier name;
    SqlNodeList columns = null;
    SqlCharStringLiteral comment = null;
    final SqlNode query;
}
{
    [
        <TEMPORARY> { temporary = true; }
    |
        <MATERIALIZED> { materialized = true; }
    ]
    <VIEW>
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    [ <COMMENT> comment = QuotedString() ]
    <AS>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) {
        return new SqlCreateView(s.end(this), replace, ifNotExists, temporary, materialized,
            name, columns, comment, query);
    }
}

/**
 * CREATE [TEMPORARY] FUNCTION [IF NOT EXISTS] name AS 'class' [LANGUAGE language]
 * [USING JAR 'uri' [, JAR 'uri']*]
 */
SqlCreate SqlCreateFunction(Span s, boolean replace) :
{
    boolean temporary = false;
    boolean ifNotExists = false;
    final SqlIdentifier name;
    final SqlCharStringLiteral className;
    SqlIdentifier language = null;
    final List<SqlCharStringLiteral> jars = new ArrayList<SqlCharStringLiteral>();
    SqlCharStringLiteral jar;
}
{
    [ <TEMPORARY> { temporary = true; } ]
    <FUNCTION>
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    name = CompoundIdentifier()
    <AS>
    className = QuotedString()
    [ <LANGUAGE> language = SimpleIdentifier() ]
    [
        <USING> <JAR> jar = QuotedString() { jars.add(jar); }
        ( <COMMA> <JAR> jar = QuotedString() { jars.add(jar); } )*
    ]
    {
        return new SqlCreateFunction(s.end(this), ifNotExists, temporary, name, className, language, jars);
    }
}

/** DROP TABLE [IF EXISTS] name */
SqlDrop SqlDropTable(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier name;
}
{
    <TABLE>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    name = CompoundIdentifier() {
        return new SqlDropTable(s.end(this), ifExists, name);
    }
}

/**
 * DROP [TEMPORARY | MATERIALIZED] VIEW [IF EXISTS] name | DROP [TEMPORARY] FUNCTION [IF EXISTS] name
 * (one production: Calcite tries the DROP methods with one token of lookahead, and both start
 * with an optional TEMPORARY)
 */
SqlDrop SqlDropViewOrFunction(Span s, boolean replace) :
{
    boolean temporary = false;
    boolean materialized = false;
    boolean ifExists = false;
    final SqlIdentifier name;
}
{
    [
        <TEMPORARY> { temporary = true; }
    |
        <MATERIALIZED> { materialized = true; }
    ]
    (
        <VIEW>
        [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
        name = CompoundIdentifier() {
            return new SqlDropView(s.end(this), ifExists, temporary, materialized, name);
        }
    |
        <FUNCTION> {
            if (materialized) {
                throw new ParseException("MATERIALIZED applies to views, not functions");
            }
        }
        [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
        name = CompoundIdentifier() {
            return new SqlDropFunction(s.end(this), ifExists, temporary, name);
        }
    )
}

/**
 * SHOW TABLES | SHOW VIEWS | SHOW [USER] FUNCTIONS | SHOW JOBS | SHOW WORKERS | SHOW MATERIALIZED VIEWS
 * | SHOW (CHECKPOINTS | WATERMARKS) FOR JOB 'id' | SHOW CREATE (TABLE | VIEW) name
 * | SHOW ALL | SHOW TRANSACTION ISOLATION LEVEL | SHOW name
 */
SqlNode SqlShow() :
{
    final Span s;
    final SqlIdentifier name;
    final SqlCharStringLiteral jobId;
}
{
    <SHOW> { s = span(); }
    (
        LOOKAHEAD(1) <TABLES> { return new SqlShowTables(s.end(this)); }
    |
        LOOKAHEAD(1) <VIEWS> { return new SqlShowViews(s.end(this)); }
    |
        LOOKAHEAD(1) <FUNCTIONS> { return new SqlShowFunctions(s.end(this), false); }
    |
        LOOKAHEAD(2) <USER> <FUNCTIONS> { return new SqlShowFunctions(s.end(this), true); }
    |
        LOOKAHEAD(1) <JOBS> { return new SqlShowJobs(s.end(this)); }
    |
        LOOKAHEAD(1) <WORKERS> { return new SqlShowRuntime(s.end(this), SqlShowRuntime.Kind.WORKERS, null); }
    |
        LOOKAHEAD(2) <MATERIALIZED> <VIEWS> {
            return new SqlShowRuntime(s.end(this), SqlShowRuntime.Kind.MATERIALIZED_VIEWS, null);
        }
    |
        LOOKAHEAD(3) <CHECKPOINTS> <FOR> <JOB> jobId = QuotedString() {
            return new SqlShowRuntime(s.end(this), SqlShowRuntime.Kind.CHECKPOINTS, jobId);
        }
    |
        LOOKAHEAD(3) <WATERMARKS> <FOR> <JOB> jobId = QuotedString() {
            return new SqlShowRuntime(s.end(this), SqlShowRuntime.Kind.WATERMARKS, jobId);
        }
    |
        <CREATE>
        (
            <TABLE> name = CompoundIdentifier() {
                return new SqlShowCreate(s.end(this), SqlShowCreate.Kind.TABLE, name);
            }
        |
            <VIEW> name = CompoundIdentifier() {
                return new SqlShowCreate(s.end(this), SqlShowCreate.Kind.VIEW, name);
            }
        )
    |
        <ALL> {
            return new SqlShowVariable(s.end(this), new SqlIdentifier("ALL", getPos()));
        }
    |
        LOOKAHEAD(3) <TRANSACTION> <ISOLATION> <LEVEL> {
            return new SqlShowVariable(s.end(this),
                new SqlIdentifier("transaction_isolation", getPos()));
        }
    |
        name = CompoundIdentifier() {
            return new SqlShowVariable(s.end(this), name);
        }
    )
}

/** DESCRIBE [TABLE] name | DESC [TABLE] name */
SqlNode SqlDescribeTable() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    ( <DESCRIBE> | <DESC> ) { s = span(); }
    [ <TABLE> ]
    name = CompoundIdentifier() {
        return new io.weir.parser.dql.SqlDescribeTable(s.end(this), name);
    }
}

/** EXPLAIN [PLAN FOR] (query | INSERT ...) */
SqlNode SqlExplainStatement() :
{
    final Span s;
    final SqlNode statement;
}
{
    <EXPLAIN> { s = span(); }
    [ LOOKAHEAD(2) <PLAN> <FOR> ]
    statement = SqlQueryOrDml() {
        return new SqlExplainStatement(s.end(this), statement);
    }
}

/** SUBSCRIBE [TO] name | SUBSCRIBE [TO] ( query ) */
SqlNode SqlSubscribe() :
{
    final Span s;
    final SqlNode target;
}
{
    <SUBSCRIBE> { s = span(); } [ <TO> ]
    (
        target = CompoundIdentifier()
    |
        <LPAREN> target = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) <RPAREN>
    )
    {
        return new SqlSubscribe(s.end(this), target);
    }
}

/** DECLARE name CURSOR [WITH HOLD | WITHOUT HOLD] FOR query | SUBSCRIBE ... */
SqlNode SqlDeclareCursor() :
{
    final Span s;
    final SqlIdentifier name;
    final SqlNode query;
}
{
    <DECLARE> { s = span(); } name = SimpleIdentifier() <CURSOR>
    [ <WITH> <HOLD> | <WITHOUT> <HOLD> ]
    <FOR>
    (
        query = SqlSubscribe()
    |
        query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    {
        return new SqlDeclareCursor(s.end(this), name, query);
    }
}

/** FETCH [FORWARD] [n | ALL | NEXT] [FROM | IN] cursor */
SqlNode SqlFetch() :
{
    final Span s;
    final SqlIdentifier cursor;
    long count = 1;
    SqlNode n;
}
{
    <FETCH> { s = span(); }
    [ <FORWARD> ]
    [
        n = UnsignedNumericLiteral() { count = ((SqlLiteral) n).longValue(true); }
    |
        <ALL> { count = -1; }
    |
        <NEXT>
    ]
    [ <FROM> | <IN> ]
    cursor = SimpleIdentifier()
    {
        return new SqlFetch(s.end(this), cursor, count);
    }
}

/** CLOSE cursor | CLOSE ALL */
SqlNode SqlCloseCursor() :
{
    final Span s;
    SqlIdentifier cursor = null;
}
{
    <CLOSE> { s = span(); }
    (
        <ALL>
    |
        cursor = SimpleIdentifier()
    )
    {
        return new SqlCloseCursor(s.end(this), cursor);
    }
}

/** CREATE USER name [WITH] PASSWORD 'x' | ALTER USER name [WITH] PASSWORD 'x' | DROP USER [IF EXISTS] name */
SqlNode SqlUserStatement() :
{
    final Span s;
    final SqlIdentifier name;
    SqlCharStringLiteral password = null;
    boolean ifExists = false;
    final SqlUserStatement.Action action;
}
{
    (
        <CREATE> { s = span(); action = SqlUserStatement.Action.CREATE; }
    |
        <ALTER> { s = span(); action = SqlUserStatement.Action.ALTER; }
    )
    <USER> name = SimpleIdentifier() [ <WITH> ] <PASSWORD> password = QuotedString()
    {
        return new SqlUserStatement(s.end(this), action, name, password, false);
    }
|
    <DROP> { s = span(); } <USER> [ <IF> <EXISTS> { ifExists = true; } ] name = SimpleIdentifier()
    {
        return new SqlUserStatement(s.end(this), SqlUserStatement.Action.DROP, name, null, ifExists);
    }
}

/** STOP JOB 'id' [WITH SAVEPOINT] [WITH DRAIN] */
SqlNode SqlStopJob() :
{
    final Span s;
    final SqlCharStringLiteral jobId;
    boolean withSavepoint = false;
    boolean withDrain = false;
}
{
    <STOP> { s = span(); } <JOB> jobId = QuotedString()
    [ LOOKAHEAD(2) <WITH> <SAVEPOINT> { withSavepoint = true; } ]
    [ <WITH> <DRAIN> { withDrain = true; } ]
    {
        return new SqlStopJob(s.end(this), jobId, withSavepoint, withDrain);
    }
}

/**
 * SET | SET 'key' = 'value' | SET key (= | TO) value | SET TIME ZONE value
 * | RESET | RESET ALL | RESET 'key' | RESET key.
 * Replaces Calcite's SqlSetOption, so it also follows ALTER SYSTEM / ALTER SESSION.
 */
SqlAlter SqlSetOrReset(Span s, String scope) :
{
    SqlNode key = null;
    SqlNode value = null;
}
{
    <SET> { s.add(this); }
    [
        key = QuotedString() <EQ> value = QuotedString()
    |
        <TIME> { s.add(this); } <ZONE> {
            key = new SqlIdentifier("timezone", getPos());
        }
        value = SetValue()
    |
        key = CompoundIdentifier() ( <EQ> | <TO> ) value = SetValue()
    ]
    {
        return new SqlSet(s.end(this), scope, key, value);
    }
|
    <RESET> { s.add(this); }
    [
        key = QuotedString()
    |
        <ALL>
    |
        key = CompoundIdentifier()
    ]
    {
        return new SqlReset(s.end(this), scope, key);
    }
}

/** The value of a PostgreSQL-style SET: a literal (numbers may be signed), an identifier, ON or DEFAULT. */
SqlNode SetValue() :
{
    final SqlNode value;
}
{
    (
        value = Literal()
    |
        value = SimpleIdentifier()
    |
        <ON> { value = new SqlIdentifier("ON", getPos()); }
    |
        <DEFAULT_> { value = new SqlIdentifier("DEFAULT", getPos()); }
    )
    { return value; }
}

/**
 * Flink data types that Calcite lacks: STRING, BYTES, TIMESTAMP_LTZ(p),
 * ARRAY&lt;T&gt;, MAP&lt;K, V&gt;, ROW&lt;name type, ...&gt; and ROW(name type, ...),
 * where element and field types may carry NOT NULL.
 */
SqlTypeNameSpec ExtendedTypeName() :
{
    final Span s;
    int precision;
    final SqlDataTypeSpec first;
    final SqlDataTypeSpec second;
    final List<SqlIdentifier> names = new ArrayList<SqlIdentifier>();
    final List<SqlDataTypeSpec> types = new ArrayList<SqlDataTypeSpec>();
}
{
    <STRING> {
        return new AliasedBasicTypeNameSpec("STRING", SqlTypeName.VARCHAR, Integer.MAX_VALUE,
            false, getPos());
    }
|
    <BYTES> {
        return new AliasedBasicTypeNameSpec("BYTES", SqlTypeName.VARBINARY, Integer.MAX_VALUE,
            false, getPos());
    }
|
    <TIMESTAMP_LTZ> { s = span(); } precision = PrecisionOpt() {
        return new AliasedBasicTypeNameSpec("TIMESTAMP_LTZ",
            SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, precision, true, s.end(this));
    }
|
    <ARRAY> { s = span(); } <LT> first = NestedDataType() <GT> {
        return new ArrayTypeNameSpec(first, s.end(this));
    }
|
    <MAP> { s = span(); } <LT> first = NestedDataType() <COMMA> second = NestedDataType() <GT> {
        return new MapTypeNameSpec(first, second, s.end(this));
    }
|
    <ROW> { s = span(); }
    (
        <LT> [ RowFields(names, types) ] <GT>
    |
        <LPAREN> [ RowFields(names, types) ] <RPAREN>
    )
    {
        return new RowTypeNameSpec(names, types, s.end(this));
    }
}

/** A type inside ARRAY, MAP or ROW; nullable unless followed by NOT NULL. */
SqlDataTypeSpec NestedDataType() :
{
    final SqlDataTypeSpec type;
    final boolean nullable;
}
{
    type = DataType() nullable = NullableOptDefaultTrue() {
        return type.withNullable(nullable);
    }
}

void RowFields(List<SqlIdentifier> names, List<SqlDataTypeSpec> types) :
{
    SqlIdentifier name;
    SqlDataTypeSpec type;
}
{
    name = SimpleIdentifier() type = NestedDataType() {
        names.add(name);
        types.add(type);
    }
    (
        <COMMA> name = SimpleIdentifier() type = NestedDataType() {
            names.add(name);
            types.add(type);
        }
    )*
}

/**
 * BEGIN [WORK | TRANSACTION] [modes] | START TRANSACTION [modes]
 * | COMMIT [WORK | TRANSACTION] | END [WORK | TRANSACTION] | ROLLBACK [WORK | TRANSACTION]
 * | SET [SESSION CHARACTERISTICS AS] TRANSACTION modes | SET LOCAL name (= | TO) value
 */
SqlNode SqlTransactionStatement() :
{
    final Span s;
    final SqlTransactionStatement.Kind kind;
}
{
    (
        <BEGIN> { s = span(); } [ <WORK> | <TRANSACTION> ] TransactionModes() {
            kind = SqlTransactionStatement.Kind.BEGIN;
        }
    |
        <START> { s = span(); } <TRANSACTION> TransactionModes() {
            kind = SqlTransactionStatement.Kind.START_TRANSACTION;
        }
    |
        <COMMIT> { s = span(); } [ <WORK> | <TRANSACTION> ] {
            kind = SqlTransactionStatement.Kind.COMMIT;
        }
    |
        <END> { s = span(); } [ <WORK> | <TRANSACTION> ] {
            kind = SqlTransactionStatement.Kind.END;
        }
    |
        <ROLLBACK> { s = span(); } [ <WORK> | <TRANSACTION> ] {
            kind = SqlTransactionStatement.Kind.ROLLBACK;
        }
    |
        <SET> { s = span(); }
        (
            <SESSION> <CHARACTERISTICS> <AS> <TRANSACTION> TransactionModes()
        |
            <TRANSACTION> TransactionModes()
        |
            <LOCAL> CompoundIdentifier() ( <EQ> | <TO> ) SetValue()
        )
        {
            kind = SqlTransactionStatement.Kind.SET_TRANSACTION;
        }
    )
    {
        return new SqlTransactionStatement(s.end(this), kind);
    }
}

/** Zero or more transaction modes, optionally separated by commas; all are accepted and ignored. */
void TransactionModes() :
{
}
{
    [
        TransactionMode() ( [ <COMMA> ] TransactionMode() )*
    ]
}

void TransactionMode() :
{
}
{
    <ISOLATION> <LEVEL>
    (
        <SERIALIZABLE>
    |
        <REPEATABLE> <READ>
    |
        LOOKAHEAD(2) <READ> <COMMITTED>
    |
        <READ> <UNCOMMITTED>
    )
|
    LOOKAHEAD(2) <READ> <WRITE>
|
    <READ> <ONLY>
|
    <DEFERRABLE>
|
    <NOT> <DEFERRABLE>
}

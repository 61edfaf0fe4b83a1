-- Nexmark q14: calculation: a scaled price, the time of day of the bid and a UDF over extra
-- As published in github.com/nexmark/nexmark (queries/q14.sql), over Weir's flat nexmark tables.
-- count_char is io.weir.cli.nexmark.CountChar (the published com.github.nexmark.flink.udf.CountChar).
-- Variables: EVENTS (events of all types), RATE (events per second of event time), UDF_JAR (the URI
-- of a jar holding io.weir.cli.nexmark.CountChar: the bench writes one; cli/target/weir.jar holds it too).
-- Run: weir bench nexmark --query q14   (or: weir sql -f q14.sql --var EVENTS=1000000 --var RATE=10000000 --var UDF_JAR=file://$PWD/cli/target/weir.jar)

CREATE FUNCTION count_char AS 'io.weir.cli.nexmark.CountChar' USING JAR '${UDF_JAR}';

CREATE TABLE bid (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  channel STRING,
  url STRING,
  `dateTime` TIMESTAMP(3),
  extra STRING,
  WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND
) WITH (
  'connector' = 'nexmark',
  'nexmark.table.type' = 'bid',
  'events.num' = '${EVENTS}',
  'first-event.rate' = '${RATE}'
);

CREATE TABLE nexmark_q14 (
  auction BIGINT,
  bidder BIGINT,
  price DECIMAL(23, 3),
  bidTimeType STRING,
  `dateTime` TIMESTAMP(3),
  extra STRING,
  c_counts BIGINT
) WITH (
  'connector' = 'blackhole'
);

INSERT INTO nexmark_q14
SELECT
  auction,
  bidder,
  0.908 * price AS price,
  CASE
    WHEN HOUR(`dateTime`) >= 8 AND HOUR(`dateTime`) <= 18 THEN 'dayTime'
    WHEN HOUR(`dateTime`) <= 6 OR HOUR(`dateTime`) >= 20 THEN 'nightTime'
    ELSE 'otherTime'
  END AS bidTimeType,
  `dateTime`,
  extra,
  count_char(extra, 'c') AS c_counts
FROM bid
WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000;

-- Nexmark q13: bounded side input join: each bid joined with a row of a csv file by MOD(auction, 10000)
-- As published in github.com/nexmark/nexmark (queries/q13.sql), over Weir's flat nexmark tables.
-- side_input is a processing-time lookup table: each subtask loads the file once ('lookup.join.cache.ttl').
-- Variables: EVENTS (events of all types), RATE (events per second of event time), SIDE_INPUT (a csv
-- file of rows key,value; the bench writes 10,000 rows, keys 0 to 9999).
-- Run: weir bench nexmark --query q13   (or: weir sql -f q13.sql --var EVENTS=1000000 --var RATE=10000000 --var SIDE_INPUT=/tmp/side_input.txt)

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

CREATE TABLE side_input (
  key BIGINT,
  `value` STRING
) WITH (
  'connector' = 'filesystem',
  'path' = 'file://${SIDE_INPUT}',
  'format' = 'csv'
);

CREATE TABLE nexmark_q13 (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  `dateTime` TIMESTAMP(3),
  `value` STRING
) WITH (
  'connector' = 'blackhole'
);

INSERT INTO nexmark_q13
SELECT B.auction, B.bidder, B.price, B.`dateTime`, S.`value`
FROM (SELECT *, PROCTIME() AS p_time FROM bid) B
JOIN side_input FOR SYSTEM_TIME AS OF B.p_time AS S
ON mod(B.auction, 10000) = S.key;

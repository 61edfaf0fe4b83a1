-- Nexmark q12: bids per bidder in 10-second processing-time TUMBLE windows
-- As published in github.com/nexmark/nexmark (queries/q12.sql), over Weir's flat nexmark tables.
-- Windows fire by the wall clock; at the end of the bounded input every open window fires.
-- Variables: EVENTS (events of all types), RATE (events per second of event time).
-- Run: weir bench nexmark --query q12   (or: weir sql -f q12.sql --var EVENTS=1000000 --var RATE=10000000)

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

CREATE TABLE nexmark_q12 (
  bidder BIGINT,
  bid_count BIGINT,
  starttime TIMESTAMP(3),
  endtime TIMESTAMP(3)
) WITH (
  'connector' = 'blackhole'
);

CREATE VIEW B AS SELECT *, PROCTIME() AS p_time FROM bid;

INSERT INTO nexmark_q12
SELECT bidder, count(*) AS bid_count, window_start AS starttime, window_end AS endtime
FROM TABLE(TUMBLE(TABLE B, DESCRIPTOR(p_time), INTERVAL '10' SECOND))
GROUP BY bidder, window_start, window_end;

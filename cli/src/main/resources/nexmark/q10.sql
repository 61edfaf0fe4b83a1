-- Nexmark q10: log all bids to the file system, partitioned by date (dt) and minute of day (hm)
-- As published in github.com/nexmark/nexmark (queries/q10.sql), over Weir's flat nexmark tables.
-- Without the published 'sink.partition-commit.trigger' = 'partition-time', its 1 min delay and
-- 'partition.time-extractor.timestamp-pattern', which Weir does not support yet: a partition's
-- success file is written when the checkpoint (or the end of the input) that makes its files
-- visible completes.
-- Variables: EVENTS (events of all types), RATE (events per second of event time), OUTPUT (the
-- directory the csv files go to, one subdirectory dt=.../hm=.../ per partition).
-- Run: weir bench nexmark --query q10   (or: weir sql -f q10.sql --var EVENTS=1000000 --var RATE=10000000 --var OUTPUT=/tmp/q10)

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

CREATE TABLE nexmark_q10 (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  `dateTime` TIMESTAMP(3),
  extra STRING,
  dt STRING,
  hm STRING
) PARTITIONED BY (dt, hm) WITH (
  'connector' = 'filesystem',
  'path' = 'file://${OUTPUT}',
  'format' = 'csv',
  'sink.partition-commit.policy.kind' = 'success-file',
  'sink.rolling-policy.rollover-interval' = '1min',
  'sink.rolling-policy.check-interval' = '1min'
);

INSERT INTO nexmark_q10
SELECT auction, bidder, price, `dateTime`, extra, DATE_FORMAT(`dateTime`, 'yyyy-MM-dd'), DATE_FORMAT(`dateTime`, 'HH:mm')
FROM bid;

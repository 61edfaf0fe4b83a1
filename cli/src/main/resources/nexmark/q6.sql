-- Nexmark q6: average selling price by seller: the average of each seller's last 10 closed auctions
-- As published in github.com/nexmark/nexmark (queries/q6.sql), over Weir's flat nexmark tables.
-- Flink SQL cannot run it in streaming mode: the OVER aggregation reads the Top-1's update stream;
-- Weir refuses it there too (SQLSTATE 0A000) and runs it in batch mode, which the bench's bounded
-- input selects. The published text filters on rownum in the SELECT that computes it and names the
-- join's aliases outside it; here the ranking is a subquery of its own, over the join's columns.
-- Variables: EVENTS (events of all types), RATE (events per second of event time).
-- Run: weir bench nexmark --query q6   (or: weir sql -f q6.sql --var EVENTS=1000000 --var RATE=10000000)

CREATE TABLE auction (
  id BIGINT,
  itemName STRING,
  description STRING,
  initialBid BIGINT,
  reserve BIGINT,
  `dateTime` TIMESTAMP(3),
  expires TIMESTAMP(3),
  seller BIGINT,
  category BIGINT,
  extra STRING,
  WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND
) WITH (
  'connector' = 'nexmark',
  'nexmark.table.type' = 'auction',
  'events.num' = '${EVENTS}',
  'first-event.rate' = '${RATE}'
);

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

CREATE TABLE nexmark_q6 (
  seller BIGINT,
  avg_price BIGINT
) WITH (
  'connector' = 'blackhole'
);

INSERT INTO nexmark_q6
SELECT
  Q.seller,
  AVG(Q.price) OVER (PARTITION BY Q.seller ORDER BY Q.`dateTime` ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)
FROM (
  SELECT *
  FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY id, seller ORDER BY price DESC) AS rownum
    FROM (
      SELECT A.id, A.seller, B.price, B.`dateTime`
      FROM auction AS A, bid AS B
      WHERE A.id = B.auction AND B.`dateTime` BETWEEN A.`dateTime` AND A.expires
    )
  )
  WHERE rownum <= 1
) AS Q;

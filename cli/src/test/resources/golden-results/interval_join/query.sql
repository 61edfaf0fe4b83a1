-- Interval join: a shipment joins its order when it is 0 to 5 s after it (BETWEEN, both ends included).
-- Both inputs are in event-time order and the bounds are inside the 5 s watermark delay, so no row is
-- late and streaming and batch agree. Shipment 2 is before its order, 12 is 6 s after (no match);
-- 4 ships twice, at +5 s (matches: BETWEEN includes its end) and +6 s; 5 and 11 at exactly +5 s.
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3),
    WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event');
CREATE TABLE shipments (order_id INT, ship_ts TIMESTAMP(3),
    WATERMARK FOR ship_ts AS ship_ts - INTERVAL '5' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${input}/shipments', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event');
SELECT o.id, o.customer, s.ship_ts FROM orders o JOIN shipments s ON o.id = s.order_id
    AND s.ship_ts BETWEEN o.ts AND o.ts + INTERVAL '5' SECOND;

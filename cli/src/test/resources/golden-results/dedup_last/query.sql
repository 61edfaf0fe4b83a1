-- Deduplication keeping each customer's last row by event time (ORDER BY ts DESC; a changelog in streaming mode).
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3),
    WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event');
SELECT id, customer, product FROM (SELECT id, customer, product, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY ts DESC) AS rn
    FROM orders) t WHERE rn = 1;

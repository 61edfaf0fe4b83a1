-- Event-time temporal join: each order meets the version of its product's rate valid at the order's
-- time (FOR SYSTEM_TIME AS OF o.ts), from a versioned table (primary key, watermark) read as a
-- debezium-json changelog; LEFT, so kiwi's order before kiwi has a rate keeps NULLs. Orders 5 and 10
-- come exactly when a new version starts (it applies: valid_from <= ts), order 6 after apple's
-- second version and before its third.
-- Streaming only, as in Flink: an event-time temporal join needs watermarks, which batch ignores.
-- expected.csv: PostgreSQL 15 on the same input (the latest version with valid_from <= ts),
-- `psql -X -q -f postgres.sql > expected.csv` run in this directory.
-- modes: streaming
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3),
    WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event');
CREATE TABLE rates (product STRING, rate DOUBLE, version INT, valid_from TIMESTAMP(3),
    WATERMARK FOR valid_from AS valid_from, PRIMARY KEY (product) NOT ENFORCED) WITH (
    'connector' = 'filesystem', 'path' = '${input}/rates', 'format' = 'debezium-json');
SELECT o.id, o.product, r.version, r.rate, o.qty * r.rate AS cost
FROM orders AS o LEFT JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.product = r.product;

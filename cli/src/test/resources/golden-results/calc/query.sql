-- Calc: projection (arithmetic, UPPER, CASE, IS NULL) and a filter with OR over NULLs.
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
SELECT id, UPPER(customer) AS c, qty * 2 AS q2, price + 1 AS p1, qty IS NULL AS no_qty,
    CASE WHEN price > 1.5 THEN 'high' ELSE 'low' END AS band
FROM orders WHERE qty > 2 OR qty IS NULL OR price < 1;

\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
SELECT id, customer, SUM(qty) OVER w AS qty5s, COUNT(*) OVER w AS n, MIN(price) OVER w AS lo
FROM orders WINDOW w AS (PARTITION BY customer ORDER BY ts RANGE BETWEEN INTERVAL '5' SECOND PRECEDING AND CURRENT ROW);
ROLLBACK;

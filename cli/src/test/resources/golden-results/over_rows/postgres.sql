\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
SELECT id, customer, SUM(qty) OVER w AS qty2, COUNT(*) OVER w AS n, MAX(price) OVER w AS hi
FROM orders WINDOW w AS (PARTITION BY customer ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);
ROLLBACK;

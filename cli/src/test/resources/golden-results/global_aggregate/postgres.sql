\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
SELECT COUNT(*) AS n, SUM(qty) AS total, MIN(ts) AS first_ts, MAX(product) AS last_product FROM orders WHERE price >= 1.5;
ROLLBACK;

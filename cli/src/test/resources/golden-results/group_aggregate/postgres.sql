\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
SELECT customer, COUNT(*) AS n, COUNT(qty) AS nq, COUNT(DISTINCT product) AS products, SUM(qty) AS total,
    MIN(price) AS lo, MAX(price) AS hi, AVG(price) AS avg_price, trunc(AVG(qty))::int AS avg_qty
FROM orders GROUP BY customer;
ROLLBACK;

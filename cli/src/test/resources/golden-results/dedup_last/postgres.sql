\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
SELECT id, customer, product FROM (SELECT id, customer, product, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY ts DESC) AS rn
    FROM orders) t WHERE rn = 1;
ROLLBACK;

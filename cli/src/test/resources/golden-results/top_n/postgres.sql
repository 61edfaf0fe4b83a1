\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
SELECT customer, id, qty FROM (SELECT customer, id, qty, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY qty DESC, id) AS rn
    FROM orders WHERE qty IS NOT NULL) t WHERE rn <= 2;
ROLLBACK;

\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
SELECT id, customer AS s FROM orders WHERE qty > 4
UNION ALL SELECT 100 + id, product FROM orders WHERE price > 2.5
UNION ALL SELECT id, customer FROM orders WHERE id <= 2;
ROLLBACK;

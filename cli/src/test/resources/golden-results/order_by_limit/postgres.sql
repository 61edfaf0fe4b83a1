\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
SELECT id, customer, qty FROM orders WHERE qty IS NOT NULL ORDER BY qty DESC, id LIMIT 5;
ROLLBACK;

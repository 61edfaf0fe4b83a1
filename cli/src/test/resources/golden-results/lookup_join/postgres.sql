\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
\i lookup-tables.sql
SELECT o.id, o.customer, c.city, c.tier FROM orders o LEFT JOIN customers c ON o.customer = c.name;
ROLLBACK;

\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
CREATE VIEW tagged AS SELECT id, ARRAY[customer, product] AS tags FROM orders;
SELECT g.id, u.x, u.pos FROM tagged g CROSS JOIN UNNEST(g.tags) WITH ORDINALITY AS u (x, pos) WHERE u.x <> 'apple' AND g.id < 8;
ROLLBACK;

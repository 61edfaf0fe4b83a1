\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
SELECT id, UPPER(customer) AS c, qty * 2 AS q2, price + 1 AS p1, qty IS NULL AS no_qty,
    CASE WHEN price > 1.5 THEN 'high' ELSE 'low' END AS band
FROM orders WHERE qty > 2 OR qty IS NULL OR price < 1;
ROLLBACK;

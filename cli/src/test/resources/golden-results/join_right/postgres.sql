\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE orders (id int, customer text, product text, qty int, price float8, ts timestamp(3));
\copy orders FROM 'input/orders/orders.csv' WITH (FORMAT csv)
CREATE TABLE customers (name text, city text, tier int);
\copy customers FROM 'input/customers/customers.csv' WITH (FORMAT csv)
SELECT o.id, c.name, c.city FROM orders o RIGHT JOIN customers c ON o.customer = c.name;
ROLLBACK;

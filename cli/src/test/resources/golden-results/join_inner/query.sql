-- Regular INNER join on customer = name with an extra condition on one side.
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
CREATE TABLE customers (name STRING, city STRING, tier INT) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/customers', 'format' = 'csv');
SELECT o.id, o.customer, c.city, c.tier FROM orders o JOIN customers c ON o.customer = c.name AND o.qty > 1;

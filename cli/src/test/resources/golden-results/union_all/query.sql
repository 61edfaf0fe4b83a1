-- UNION ALL of three branches (duplicates kept).
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
SELECT id, customer AS s FROM orders WHERE qty > 4
UNION ALL SELECT 100 + id, product FROM orders WHERE price > 2.5
UNION ALL SELECT id, customer FROM orders WHERE id <= 2;

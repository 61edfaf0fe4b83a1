-- ORDER BY (two keys) with LIMIT, batch mode; the order is compared too.
-- modes: batch
-- ordered: true
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
SELECT id, customer, qty FROM orders WHERE qty IS NOT NULL ORDER BY qty DESC, id LIMIT 5;

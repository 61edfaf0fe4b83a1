-- Top-N: the two largest quantities per customer (ROW_NUMBER, rn <= 2; ties broken by id).
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
SELECT customer, id, qty FROM (SELECT customer, id, qty, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY qty DESC, id) AS rn
    FROM orders WHERE qty IS NOT NULL) t WHERE rn <= 2;

-- Top-N with RANK(): ties share a rank and are all kept (rank <= 3 per product by quantity: apple has two thirds).
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
SELECT product, id, qty, rk FROM (SELECT product, id, qty, RANK() OVER (PARTITION BY product ORDER BY qty DESC) AS rk
    FROM orders WHERE qty IS NOT NULL) t WHERE rk <= 3;

-- ORDER BY (two keys) with LIMIT; in batch mode the order is compared too, in streaming mode (a Top-N
-- without PARTITION BY, a changelog) the final rows.
-- ordered: true
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
SELECT id, customer, qty FROM orders WHERE qty IS NOT NULL ORDER BY qty DESC, id LIMIT 5;

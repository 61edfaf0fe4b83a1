-- GROUP BY aggregate: COUNT(*), COUNT(col), COUNT(DISTINCT), SUM, MIN, MAX, AVG(DOUBLE) and AVG(INT)
-- (Flink: INT result, the quotient truncated toward zero; PostgreSQL: trunc(avg)::int). In streaming mode
-- the result is a changelog; the harness folds it into the final rows.
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
SELECT customer, COUNT(*) AS n, COUNT(qty) AS nq, COUNT(DISTINCT product) AS products, SUM(qty) AS total,
    MIN(price) AS lo, MAX(price) AS hi, AVG(price) AS avg_price, AVG(qty) AS avg_qty
FROM orders GROUP BY customer;

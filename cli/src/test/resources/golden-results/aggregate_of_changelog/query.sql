-- An aggregate over an aggregate: in streaming mode the inner one's updates retract rows of the outer
-- one (how many customers have each number of orders).
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
SELECT n, COUNT(*) AS customers, SUM(total) AS qty FROM (SELECT customer, COUNT(*) AS n, SUM(qty) AS total FROM orders GROUP BY customer) t
GROUP BY n;

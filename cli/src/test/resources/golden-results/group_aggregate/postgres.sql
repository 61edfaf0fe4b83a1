\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT customer, COUNT(*) AS n, COUNT(qty) AS nq, COUNT(DISTINCT product) AS products, SUM(qty) AS total,
    MIN(price) AS lo, MAX(price) AS hi, AVG(price) AS avg_price, trunc(AVG(qty))::int AS avg_qty
FROM orders GROUP BY customer;
ROLLBACK;

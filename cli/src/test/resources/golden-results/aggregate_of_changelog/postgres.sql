\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT n, COUNT(*) AS customers, SUM(total) AS qty FROM (SELECT customer, COUNT(*) AS n, SUM(qty) AS total FROM orders GROUP BY customer) t
GROUP BY n;
ROLLBACK;

\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT id, customer, SUM(qty) OVER w AS qty2, COUNT(*) OVER w AS n, MAX(price) OVER w AS hi
FROM orders WINDOW w AS (PARTITION BY customer ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);
ROLLBACK;

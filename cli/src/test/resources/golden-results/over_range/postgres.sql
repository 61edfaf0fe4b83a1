\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT id, customer, SUM(qty) OVER w AS qty5s, COUNT(*) OVER w AS n, MIN(price) OVER w AS lo
FROM orders WINDOW w AS (PARTITION BY customer ORDER BY ts RANGE BETWEEN INTERVAL '5' SECOND PRECEDING AND CURRENT ROW);
ROLLBACK;

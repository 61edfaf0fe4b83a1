\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT COUNT(*) AS n, SUM(qty) AS total, MIN(ts) AS first_ts, MAX(product) AS last_product FROM orders WHERE price >= 1.5;
ROLLBACK;

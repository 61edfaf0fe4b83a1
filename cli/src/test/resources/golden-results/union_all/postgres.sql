\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT id, customer AS s FROM orders WHERE qty > 4
UNION ALL SELECT 100 + id, product FROM orders WHERE price > 2.5
UNION ALL SELECT id, customer FROM orders WHERE id <= 2;
ROLLBACK;

\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT id, customer, qty FROM orders WHERE qty IS NOT NULL ORDER BY qty DESC, id LIMIT 5;
ROLLBACK;

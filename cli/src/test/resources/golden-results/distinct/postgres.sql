\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT DISTINCT customer, product FROM orders;
ROLLBACK;

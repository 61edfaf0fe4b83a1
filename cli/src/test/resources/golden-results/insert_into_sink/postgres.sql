\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT id, customer, qty * price FROM orders WHERE qty >= 3;
ROLLBACK;

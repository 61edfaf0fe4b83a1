\i ../_shared/preamble.psql
\i ../_shared/orders.psql
\i ../_shared/customers.psql
SELECT o.id, o.customer, c.name, c.tier FROM orders o FULL JOIN customers c ON o.customer = c.name;
ROLLBACK;

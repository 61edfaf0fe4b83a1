\i ../_shared/preamble.psql
\i ../_shared/orders.psql
\i ../_shared/customers.psql
SELECT o.id, o.customer, c.city, c.tier FROM orders o JOIN customers c ON o.customer = c.name AND o.qty > 1;
ROLLBACK;

\i ../_shared/preamble.psql
\i ../_shared/orders.psql
\i ../_shared/customers.psql
SELECT o.id, c.name, c.city FROM orders o RIGHT JOIN customers c ON o.customer = c.name;
ROLLBACK;

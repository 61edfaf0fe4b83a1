\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT id, customer, product FROM (SELECT id, customer, product, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY ts DESC) AS rn
    FROM orders) t WHERE rn = 1;
ROLLBACK;

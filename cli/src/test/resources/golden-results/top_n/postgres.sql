\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT customer, id, qty FROM (SELECT customer, id, qty, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY qty DESC, id) AS rn
    FROM orders WHERE qty IS NOT NULL) t WHERE rn <= 2;
ROLLBACK;

\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT product, id, qty, rk FROM (SELECT product, id, qty, RANK() OVER (PARTITION BY product ORDER BY qty DESC) AS rk
    FROM orders WHERE qty IS NOT NULL) t WHERE rk <= 3;
ROLLBACK;

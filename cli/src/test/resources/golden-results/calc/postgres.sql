\i ../_shared/preamble.psql
\i ../_shared/orders.psql
SELECT id, UPPER(customer) AS c, qty * 2 AS q2, price + 1 AS p1, qty IS NULL AS no_qty,
    CASE WHEN price > 1.5 THEN 'high' ELSE 'low' END AS band
FROM orders WHERE qty > 2 OR qty IS NULL OR price < 1;
ROLLBACK;

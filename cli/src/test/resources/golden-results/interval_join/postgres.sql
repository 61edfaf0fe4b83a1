\i ../_shared/preamble.psql
\i ../_shared/orders.psql
CREATE TABLE shipments (order_id int, ship_ts timestamp(3));
\copy shipments FROM 'input/shipments/shipments.csv' WITH (FORMAT csv)
SELECT o.id, o.customer, s.ship_ts FROM orders o JOIN shipments s ON o.id = s.order_id
    AND s.ship_ts BETWEEN o.ts AND o.ts + INTERVAL '5' SECOND;
ROLLBACK;

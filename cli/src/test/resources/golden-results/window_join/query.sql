-- Window join: orders FULL JOIN payments of the same customer in the same TUMBLE(5 s) window, so orders
-- without a payment in their window and payments without an order come out NULL-extended. Payment 2
-- is 1 ms before its window's end, 3 exactly on the next window's start; frank and gina never order.
-- Both inputs are in event-time order with a 5 s watermark delay, so no row is late and streaming and
-- batch agree.
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3),
    WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event');
CREATE TABLE payments (pay_id INT, customer STRING, amount DOUBLE, ts TIMESTAMP(3),
    WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${input}/payments', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event');
SELECT DATE_FORMAT(COALESCE(o.window_start, p.window_start), 'HH:mm:ss') AS ws, COALESCE(o.customer, p.customer) AS customer,
    o.id, p.pay_id, p.amount
FROM (SELECT * FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND))) o
FULL JOIN (SELECT * FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '5' SECOND))) p
ON o.window_start = p.window_start AND o.window_end = p.window_end AND o.customer = p.customer;

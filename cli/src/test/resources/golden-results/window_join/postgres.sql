\i ../_shared/preamble.psql
\i ../_shared/orders.psql
CREATE TABLE payments (pay_id int, customer text, amount float8, ts timestamp(3));
\copy payments FROM 'input/payments/payments.csv' WITH (FORMAT csv)
SELECT to_char(COALESCE(o.ws, p.ws), 'HH24:MI:SS'), COALESCE(o.customer, p.customer), o.id, p.pay_id, p.amount
FROM (SELECT *, date_bin(INTERVAL '5 seconds', ts, TIMESTAMP '2026-03-01') AS ws FROM orders) o
FULL JOIN (SELECT *, date_bin(INTERVAL '5 seconds', ts, TIMESTAMP '2026-03-01') AS ws FROM payments) p
ON o.ws = p.ws AND o.customer = p.customer ORDER BY 1, 2, 3, 4;
ROLLBACK;

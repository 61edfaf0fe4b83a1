-- INSERT INTO a CSV file sink (Sink), read back by the query. ${output} is a new folder per run.
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
CREATE TABLE picked (id INT, customer STRING, total DOUBLE) WITH ('connector' = 'filesystem', 'path' = '${output}', 'format' = 'csv');
SET 'table.dml-sync' = 'true';
INSERT INTO picked SELECT id, customer, qty * price FROM orders WHERE qty >= 3;
SELECT id, customer, total FROM picked;

-- Lookup join (FOR SYSTEM_TIME AS OF the processing time) into a PostgreSQL table through the jdbc
-- connector, LEFT: orders of customers not in the table are NULL-padded. The table does not change
-- while the query runs, so the answer is the plain LEFT join of the two tables.
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3),
    proc_time AS PROCTIME()) WITH ('connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
CREATE TABLE customers (name STRING, city STRING, tier INT, PRIMARY KEY (name) NOT ENFORCED) WITH (
    'connector' = 'jdbc', 'url' = '${postgres-url}', 'username' = 'postgres', 'password' = 'unused',
    'table-name' = 'customers');
SELECT o.id, o.customer, c.city, c.tier FROM orders AS o
    LEFT JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer = c.name;

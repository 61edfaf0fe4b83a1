-- UNNEST of an ARRAY built in a view, with ORDINALITY and a WHERE on the unnested column (run after the Unnest).
-- expected.csv: PostgreSQL 15 on the same input, `psql -X -q -f postgres.sql > expected.csv` run in this directory.
CREATE TABLE orders (id INT, customer STRING, product STRING, qty INT, price DOUBLE, ts TIMESTAMP(3)) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/orders', 'format' = 'csv');
CREATE VIEW tagged AS SELECT id, ARRAY[customer, product] AS tags FROM orders;
SELECT g.id, u.x, u.pos FROM tagged g CROSS JOIN UNNEST(g.tags) WITH ORDINALITY AS u (x, pos) WHERE u.x <> 'apple' AND g.id < 8;

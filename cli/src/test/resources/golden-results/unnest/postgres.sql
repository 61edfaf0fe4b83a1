\i ../_shared/preamble.psql
\i ../_shared/orders.psql
CREATE VIEW tagged AS SELECT id, ARRAY[customer, product] AS tags FROM orders;
SELECT g.id, u.x, u.pos FROM tagged g CROSS JOIN UNNEST(g.tags) WITH ORDINALITY AS u (x, pos) WHERE u.x <> 'apple' AND g.id < 8;
ROLLBACK;

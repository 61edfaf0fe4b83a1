\i ../_shared/preamble.psql
\i ../_shared/orders.psql
-- the changelog's lines as jsonb (delimiter and quote are bytes the file does not contain), then the versions
CREATE TABLE changes (line jsonb);
\copy changes FROM 'input/rates/rates.json' WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02')
CREATE VIEW versions AS SELECT line->'after'->>'product' AS product, (line->'after'->>'rate')::float8 AS rate,
    (line->'after'->>'version')::int AS version, (line->'after'->>'valid_from')::timestamp(3) AS valid_from FROM changes;
SELECT o.id, o.product, r.version, r.rate, o.qty * r.rate FROM orders o LEFT JOIN LATERAL (
    SELECT * FROM versions v WHERE v.product = o.product AND v.valid_from <= o.ts ORDER BY v.valid_from DESC LIMIT 1) r
ON true ORDER BY o.id;
ROLLBACK;

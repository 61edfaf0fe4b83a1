\i ../_shared/preamble.psql
\i ../_shared/events.psql
-- both windows of each row: (ws, we)
CREATE VIEW assigned AS SELECT a.seq, a.k, a.wm, w.ws, w.we FROM arrivals a CROSS JOIN LATERAL (SELECT s, s + INTERVAL '10 seconds' FROM (SELECT date_bin(INTERVAL '5 seconds', a.ts, TIMESTAMP '2026-03-01') - INTERVAL '5 seconds' * g AS s FROM generate_series(0, 1) g) x) w (ws, we);
\o expected-streaming.csv
SELECT to_char(ws, 'HH24:MI:SS'), to_char(we, 'HH24:MI:SS'), seq, k, rownum FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY ws, we ORDER BY seq DESC) AS rownum FROM assigned
    WHERE wm IS NULL OR we - INTERVAL '1 millisecond' > wm) t WHERE rownum <= 2 ORDER BY ws, rownum;
\o expected-batch.csv
SELECT to_char(ws, 'HH24:MI:SS'), to_char(we, 'HH24:MI:SS'), seq, k, rownum FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY ws, we ORDER BY seq DESC) AS rownum FROM assigned) t
WHERE rownum <= 2 ORDER BY ws, rownum;
\o
ROLLBACK;

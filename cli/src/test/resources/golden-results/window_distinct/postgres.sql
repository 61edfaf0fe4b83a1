\i ../_shared/preamble.psql
\i ../_shared/events.psql
-- the one window of each row: (ws, we)
CREATE VIEW assigned AS SELECT a.seq, a.k, a.wm, w.ws, w.we FROM arrivals a CROSS JOIN LATERAL (SELECT date_bin(INTERVAL '10 seconds', a.ts, TIMESTAMP '2026-03-01'), date_bin(INTERVAL '10 seconds', a.ts, TIMESTAMP '2026-03-01') + INTERVAL '10 seconds') w (ws, we);
\o expected-streaming.csv
SELECT to_char(ws, 'HH24:MI:SS'), to_char(we, 'HH24:MI:SS'), COUNT(DISTINCT k), COUNT(DISTINCT seq % 3),
    SUM(DISTINCT seq % 2), COUNT(*) FROM assigned
WHERE wm IS NULL OR we - INTERVAL '1 millisecond' > wm GROUP BY ws, we ORDER BY ws, we;
\o expected-batch.csv
SELECT to_char(ws, 'HH24:MI:SS'), to_char(we, 'HH24:MI:SS'), COUNT(DISTINCT k), COUNT(DISTINCT seq % 3),
    SUM(DISTINCT seq % 2), COUNT(*) FROM assigned GROUP BY ws, we ORDER BY ws, we;
\o
ROLLBACK;

\pset null NULL
\pset format unaligned
\pset fieldsep ,
\pset tuples_only on
\set QUIET on
BEGIN;
CREATE TABLE events (seq int, k text, ts timestamp(3));
\copy events FROM 'input/events/events.csv' WITH (FORMAT csv)
CREATE VIEW arrivals AS SELECT seq, k, ts, MAX(ts) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    - INTERVAL '2 seconds' AS wm FROM events;
-- every window of each row: (ws, we)
CREATE VIEW assigned AS SELECT a.seq, a.k, a.wm, w.ws, w.we FROM arrivals a CROSS JOIN LATERAL (SELECT s, s + INTERVAL '10 seconds' FROM (SELECT date_bin(INTERVAL '5 seconds', a.ts, TIMESTAMP '2026-03-01') - INTERVAL '5 seconds' * g AS s FROM generate_series(0, 1) g) x) w (ws, we);
\o expected-streaming.csv
SELECT to_char(ws, 'HH24:MI:SS'), to_char(we, 'HH24:MI:SS'), k, COUNT(*), SUM(seq) FROM assigned
WHERE wm IS NULL OR we - INTERVAL '1 millisecond' > wm GROUP BY ws, we, k ORDER BY ws, we, k;
\o expected-batch.csv
SELECT to_char(ws, 'HH24:MI:SS'), to_char(we, 'HH24:MI:SS'), k, COUNT(*), SUM(seq) FROM assigned
GROUP BY ws, we, k ORDER BY ws, we, k;
\o
ROLLBACK;

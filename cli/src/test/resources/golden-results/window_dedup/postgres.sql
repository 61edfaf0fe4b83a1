\i ../_shared/preamble.psql
\i ../_shared/events.psql
-- the one window of each row, keeping ts for the order
CREATE VIEW assigned AS SELECT a.seq, a.k, a.ts, a.wm, w.ws, w.we FROM arrivals a CROSS JOIN LATERAL (SELECT date_bin(INTERVAL '10 seconds', a.ts, TIMESTAMP '2026-03-01'), date_bin(INTERVAL '10 seconds', a.ts, TIMESTAMP '2026-03-01') + INTERVAL '10 seconds') w (ws, we);
-- the rows each mode counts: streaming without the late ones
CREATE VIEW counted AS SELECT 'streaming' AS mode, * FROM assigned WHERE wm IS NULL OR we - INTERVAL '1 millisecond' > wm
    UNION ALL SELECT 'batch', * FROM assigned;
CREATE VIEW kept AS SELECT * FROM (
    SELECT 'first' AS which, *, ROW_NUMBER() OVER (PARTITION BY mode, ws, we, k ORDER BY ts ASC) AS rownum FROM counted
    UNION ALL
    SELECT 'last' AS which, *, ROW_NUMBER() OVER (PARTITION BY mode, ws, we, k ORDER BY ts DESC) AS rownum FROM counted) t
WHERE rownum = 1;
\o expected-streaming.csv
SELECT which, to_char(ws, 'HH24:MI:SS'), k, seq FROM kept WHERE mode = 'streaming' ORDER BY which, ws, k;
\o expected-batch.csv
SELECT which, to_char(ws, 'HH24:MI:SS'), k, seq FROM kept WHERE mode = 'batch' ORDER BY which, ws, k;
\o
ROLLBACK;

\i ../_shared/preamble.psql
\i ../_shared/events.psql
-- every window of each row: (ws, we)
CREATE VIEW assigned AS SELECT a.seq, a.k, a.wm, w.ws, w.we FROM arrivals a CROSS JOIN LATERAL (SELECT date_bin(INTERVAL '10 seconds', a.ts, TIMESTAMP '2026-03-01'), date_bin(INTERVAL '10 seconds', a.ts, TIMESTAMP '2026-03-01') + INTERVAL '5 seconds' * g FROM generate_series(1, 2) g WHERE date_bin(INTERVAL '10 seconds', a.ts, TIMESTAMP '2026-03-01') + INTERVAL '5 seconds' * g > a.ts) w (ws, we);
\i ../_shared/window-results.psql
ROLLBACK;

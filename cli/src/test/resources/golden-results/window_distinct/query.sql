-- TUMBLE(10 s) window aggregation with DISTINCT aggregates: runs as a window aggregate (insert-only),
-- as in Flink, not as an updating GROUP BY.
-- Input in arrival order (seq), out of order, watermark ts - 2 s emitted after every row; late rows
-- as in window_tumble (Flink's rule: a row is dropped when its window had fired, window_end - 1 ms <=
-- the watermark before it). Batch: every row counts.
-- expected-streaming.csv and expected-batch.csv: PostgreSQL 15 applying that rule (postgres.sql),
-- `psql -X -q -f postgres.sql` run in this directory.
-- The table is read by one subtask ('scan.parallelism' = '1'): which rows are late depends on the order
--   they arrive in, so they must come through one channel; the window operator still runs at p1 and p4.
CREATE TABLE events (seq INT, k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/events', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event',
    'scan.parallelism' = '1');
SELECT DATE_FORMAT(window_start, 'HH:mm:ss') AS ws, DATE_FORMAT(window_end, 'HH:mm:ss') AS we,
    COUNT(DISTINCT k) AS keys, COUNT(DISTINCT MOD(seq, 3)) AS residues, SUM(DISTINCT MOD(seq, 2)) AS odd, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;

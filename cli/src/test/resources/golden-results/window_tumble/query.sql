-- TUMBLE(10 s) window aggregation.
-- Input in arrival order (seq), out of order, watermark ts - 2 s emitted after every row. Streaming:
-- Flink's rule, a row counts in each of its windows that had not fired when it arrived, i.e. with
-- window_end - 1 ms > the watermark before it (max ts of the earlier rows - 2 s); rows 5, 10, 13 and
-- 15 arrive after some or all of their windows fired (13 and 15 on the boundary: window_end - 1 ms =
-- watermark). Batch: every row counts.
-- expected-streaming.csv and expected-batch.csv: PostgreSQL 15 applying that rule (postgres.sql:
-- the watermark is a running MAX over seq), `psql -X -q -f postgres.sql` run in this directory.
-- The table is read by one subtask ('scan.parallelism' = '1'): which rows are late depends on the order
--   they arrive in, so they must come through one channel; the window operator still runs at p1 and p4.
CREATE TABLE events (seq INT, k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/events', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event',
    'scan.parallelism' = '1');
SELECT DATE_FORMAT(window_start, 'HH:mm:ss') AS ws, DATE_FORMAT(window_end, 'HH:mm:ss') AS we, k, COUNT(*) AS n,
    SUM(seq) AS seqs
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, k;

-- Window deduplication: the first row by event time of each key in each TUMBLE(10 s) window (ROW_NUMBER
-- over the window's rowtime, rownum = 1), and in a second branch the last row, joined by UNION ALL.
-- Input in arrival order (seq), out of order, watermark ts - 2 s emitted after every row. Streaming: a
-- row whose window had fired when it arrived is dropped (Flink's rule: window_end - 1 ms <= the
-- watermark before it); batch: every row counts. ts is unique per key, so neither order has ties.
-- expected-streaming.csv and expected-batch.csv: PostgreSQL 15 applying that rule and ROW_NUMBER
-- (postgres.sql), `psql -X -q -f postgres.sql` run in this directory.
-- The table is read by one subtask ('scan.parallelism' = '1'): which rows are late depends on the order
--   they arrive in, so they must come through one channel; the window operator still runs at p1 and p4.
CREATE TABLE events (seq INT, k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/events', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event',
    'scan.parallelism' = '1');
SELECT 'first' AS which, DATE_FORMAT(window_start, 'HH:mm:ss') AS ws, k, seq FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, k ORDER BY ts ASC) AS rownum
    FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))) WHERE rownum = 1
UNION ALL
SELECT 'last' AS which, DATE_FORMAT(window_start, 'HH:mm:ss') AS ws, k, seq FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, k ORDER BY ts DESC) AS rownum
    FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))) WHERE rownum = 1;

-- Window Top-N on a window table function: in each HOP(5 s, 10 s) window the two rows with the largest seq.
-- Input in arrival order (seq), out of order, watermark ts - 2 s emitted after every row. Streaming:
-- a row takes part in each of its windows that had not fired when it arrived (Flink's rule: late when
-- window_end - 1 ms <= the watermark before it), so a late row never displaces an emitted one; batch:
-- every row takes part. seq is unique, so the ranking has no ties.
-- expected-streaming.csv and expected-batch.csv: PostgreSQL 15 applying that rule and ROW_NUMBER
-- (postgres.sql), `psql -X -q -f postgres.sql` run in this directory.
-- The table is read by one subtask ('scan.parallelism' = '1'): which rows are late depends on the order
--   they arrive in, so they must come through one channel; the window operator still runs at p1 and p4.
CREATE TABLE events (seq INT, k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${shared}/events', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event',
    'scan.parallelism' = '1');
SELECT DATE_FORMAT(window_start, 'HH:mm:ss') AS ws, DATE_FORMAT(window_end, 'HH:mm:ss') AS we, seq, k, rownum FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY seq DESC) AS rownum
    FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))) WHERE rownum <= 2;

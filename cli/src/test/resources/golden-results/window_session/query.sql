-- SESSION(gap 5 s) window aggregation per key, input out of order (arrival order = seq), watermark
-- ts - 2 s after every row.
-- expected-*.csv by hand. Batch: every row; a sorted by ts 00 03 | 15 18 | 30 33 gives sessions
-- [00,08) {1,2}, [15,23) {4,7}, [30,38) {8,11}; b 01 04 | 17 19 | 27 gives [01,09) {5,3}, [17,24) {6,9},
-- [27,32) {10}. Streaming (Flink's rule: a row whose session, merged with the open ones, ends at or
-- before the watermark + 1 ms is dropped): row 5 (b, 01) arrives at watermark 13 (row 4's 15 - 2), its
-- session [01,06) ended and b's [04,09) has fired: dropped. Row 9 (b, 19) arrives at watermark 28 (row
-- 8's 30 - 2): [19,24) ended, b's [17,22) fired: dropped. So b is [04,09) {3}, [17,22) {6}, [27,32) {10}
-- and a is as in batch.
-- The table is read by one subtask ('scan.parallelism' = '1'): which rows are late depends on the order
--   they arrive in, so they must come through one channel; the window operator still runs at p1 and p4.
CREATE TABLE events (seq INT, k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (
    'connector' = 'filesystem', 'path' = '${input}/events', 'format' = 'csv', 'scan.watermark.emit.strategy' = 'on-event',
    'scan.parallelism' = '1');
SELECT DATE_FORMAT(window_start, 'HH:mm:ss') AS ws, DATE_FORMAT(window_end, 'HH:mm:ss') AS we, k, COUNT(*) AS n,
    SUM(seq) AS seqs
FROM TABLE(SESSION(TABLE events PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end, k;

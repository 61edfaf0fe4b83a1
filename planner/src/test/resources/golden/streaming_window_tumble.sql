SELECT window_start, window_end, v, COUNT(*), MAX(id) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, v

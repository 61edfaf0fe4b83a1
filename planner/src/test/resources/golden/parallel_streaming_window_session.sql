SELECT v, window_start, window_end, COUNT(*) FROM TABLE(SESSION(TABLE events PARTITION BY v, DESCRIPTOR(ts), INTERVAL '30' SECOND)) GROUP BY v, window_start, window_end

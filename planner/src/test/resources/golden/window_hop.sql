SELECT window_start, city, COUNT(*) FROM TABLE(HOP(TABLE trips, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end, city

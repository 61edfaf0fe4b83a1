SELECT id, ts_plus FROM events WHERE v > 3 LIMIT 10

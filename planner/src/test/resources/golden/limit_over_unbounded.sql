SELECT id, ts_plus FROM stream WHERE v > 3 LIMIT 10

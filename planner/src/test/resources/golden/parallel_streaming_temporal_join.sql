SELECT e.id, e.ts, r.rate FROM events AS e LEFT JOIN rates FOR SYSTEM_TIME AS OF e.ts AS r ON e.v = r.v AND r.rate > 1

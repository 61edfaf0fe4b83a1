SELECT e1.id, e2.id FROM events e1 JOIN events e2 ON e1.v = e2.v AND e1.ts >= e2.ts AND e1.ts_plus < e2.ts + INTERVAL '10' SECOND

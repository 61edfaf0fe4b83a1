SELECT e1.id, e2.id, e1.ts, e2.ts FROM events e1 LEFT JOIN events e2 ON e1.v = e2.v AND e1.ts BETWEEN e2.ts - INTERVAL '1' MINUTE AND e2.ts + INTERVAL '10' SECOND

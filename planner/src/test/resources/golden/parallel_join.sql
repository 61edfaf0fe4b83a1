SELECT a.trip_id, COUNT(*) FROM trips a JOIN trips b ON a.city = b.city AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '60' SECOND GROUP BY a.trip_id

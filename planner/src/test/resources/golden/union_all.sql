SELECT trip_id FROM trips WHERE city = 'Oslo' UNION ALL SELECT id FROM events

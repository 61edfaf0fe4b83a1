INSERT INTO sink SELECT trip_id, fare FROM trips WHERE city = 'Oslo'

INSERT INTO changes SELECT city, COUNT(DISTINCT trip_id) FROM trips GROUP BY city

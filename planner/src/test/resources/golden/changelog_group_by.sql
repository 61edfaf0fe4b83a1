SELECT city, COUNT(*) AS n, SUM(fare) AS total, MAX(trip_id) FROM trips WHERE fare > 0 GROUP BY city

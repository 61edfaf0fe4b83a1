SELECT city, SUM(fare) FROM trips GROUP BY city

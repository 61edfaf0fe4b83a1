SELECT city, COUNT(*), SUM(fare), AVG(fare) FROM trips WHERE fare > 5 GROUP BY city ORDER BY city

SELECT city, trip_id, rk FROM (SELECT *, RANK() OVER (PARTITION BY city ORDER BY fare) AS rk FROM trips) WHERE rk < 3 AND trip_id > 10

SELECT city, trip_id, fare FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY city ORDER BY fare DESC, trip_id) AS rn FROM trips) WHERE rn <= 3

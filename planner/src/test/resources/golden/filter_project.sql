SELECT trip_id, UPPER(city) AS city, fare * 2 FROM trips WHERE fare > 5 AND city <> 'Lima'

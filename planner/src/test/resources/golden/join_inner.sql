SELECT t.trip_id, c.country FROM trips t JOIN cities c ON t.city = c.name WHERE c.population > 1000

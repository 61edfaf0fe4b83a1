SELECT t.trip_id, c.country FROM trips t LEFT JOIN cities c ON t.city = c.name AND t.fare > c.population

SELECT t.trip_id, c.name FROM trips t, cities c WHERE t.fare < c.population

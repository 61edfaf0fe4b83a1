SELECT t.trip_id, u.x FROM trips t CROSS JOIN UNNEST(ARRAY[t.city, 'x']) AS u (x) WHERE u.x <> 'a'

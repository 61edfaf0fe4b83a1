SELECT COUNT(*), MIN(ts), MAX(fare) FROM trips

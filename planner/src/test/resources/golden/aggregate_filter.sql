SELECT v, COUNT(*) FILTER (WHERE id > 10), SUM(id) FILTER (WHERE v <> 'x') FROM events GROUP BY v

SELECT COUNT(*), SUM(n) FROM changes

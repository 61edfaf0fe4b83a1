-- VALUES with a NULL, a projection and a filter over it.
-- expected.csv: by hand (rows with a > 1: (2, 'y') and (3, NULL); a * 10 and b || '!').
SELECT a, b, a * 10 AS a10, b || '!' AS bang FROM (VALUES (1, 'x'), (2, 'y'), (3, CAST(NULL AS VARCHAR))) AS t (a, b) WHERE a > 1;

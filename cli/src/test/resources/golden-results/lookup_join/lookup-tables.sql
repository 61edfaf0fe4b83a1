CREATE TABLE customers (name text PRIMARY KEY, city text, tier int);
INSERT INTO customers VALUES ('alice', 'paris', 1), ('bob', 'berlin', 2), ('carol', 'paris', NULL), ('frank', 'rome', 3);

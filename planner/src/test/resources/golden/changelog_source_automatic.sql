SELECT UPPER(city), n * 2 FROM changes WHERE n > 1

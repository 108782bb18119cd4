// Question: Which entities are rising: mentioned by more papers since a given year than before it?
// Parameters: $since - the first year of the recent period; $limit. Papers without a year are left out.
// @param since = 2024
// @param limit = 20
// Example: graphkit query cypher/rising_entities.cypher --param since=2025
MATCH (p:Paper)-[:MENTIONS]->(e:Entity)
WHERE p.year IS NOT NULL
WITH e, sum(CASE WHEN p.year >= $since THEN 1 ELSE 0 END) AS recent,
        sum(CASE WHEN p.year < $since THEN 1 ELSE 0 END) AS before
WHERE recent > before
RETURN e.name AS entity, e.type AS type, before, recent, recent - before AS growth
ORDER BY growth DESC, recent DESC, entity
LIMIT $limit

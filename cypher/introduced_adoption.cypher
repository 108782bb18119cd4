// Question: Which entities were introduced in the corpus, and how widely were they adopted by other papers?
// Parameters: $limit - rows to return.
// @param limit = 25
// Example: graphkit query cypher/introduced_adoption.cypher --param limit=10 --format json
MATCH (p:Paper)-[:INTRODUCES]->(e:Entity)
WITH e, collect(DISTINCT p.id) AS introducers, collect(DISTINCT p.title) AS introduced_in
OPTIONAL MATCH (q:Paper)-[:MENTIONS]->(e)
WHERE NOT q.id IN introducers
RETURN e.name AS entity, e.type AS type, introduced_in, count(DISTINCT q) AS adopted_by
ORDER BY adopted_by DESC, entity
LIMIT $limit

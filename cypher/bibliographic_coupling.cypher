// Question: Which papers are bibliographically coupled (they cite the same works), and how strongly?
// Parameters: $min - works cited by both, at least; $limit - rows to return.
// @param min = 2
// @param limit = 20
// Example: graphkit query cypher/bibliographic_coupling.cypher --param min=3
MATCH (a:Paper)-[:CITES]->(w:Paper)<-[:CITES]-(b:Paper)
WHERE a.id < b.id
WITH a, b, count(DISTINCT w) AS shared
WHERE shared >= $min
RETURN a.title AS paper_a, b.title AS paper_b, shared, a.id AS a_id, b.id AS b_id
ORDER BY shared DESC, a_id, b_id
LIMIT $limit

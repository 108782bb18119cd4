// Question: Which works are cited together (co-citation: pairs of works in the reference lists of the same papers)?
// Parameters: $min - papers citing both, at least; $limit - rows to return.
// @param min = 2
// @param limit = 20
// Example: graphkit query cypher/co_citation.cypher --param min=3
MATCH (p:Paper)-[:CITES]->(a:Paper), (p)-[:CITES]->(b:Paper)
WHERE a.id < b.id
WITH a, b, count(DISTINCT p) AS together
WHERE together >= $min
RETURN a.title AS work_a, b.title AS work_b, together,
       coalesce(a.external, false) AS a_external, coalesce(b.external, false) AS b_external,
       a.id AS a_id, b.id AS b_id
ORDER BY together DESC, a_id, b_id
LIMIT $limit

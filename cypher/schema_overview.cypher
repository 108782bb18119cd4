// Question: What is in the graph: which node kinds are linked by which relationships, and how often?
// Parameters: none.
// Example: graphkit query cypher/schema_overview.cypher
MATCH (a)-[r]->(b)
RETURN coalesce(a.type, 'Paper') AS from, type(r) AS relationship, coalesce(b.type, 'Paper') AS to,
       count(*) AS count
ORDER BY count DESC, from, relationship, to

// Question: Which works are cited most by the papers of the corpus, in-corpus papers and external cited works alike?
// Parameters: $limit - rows to return. External works come from `graphkit build --references` (property external = true).
// @param limit = 20
// Example: graphkit query cypher/most_cited_works.cypher --param limit=10
MATCH (p:Paper)-[:CITES]->(w:Paper)
WITH w, count(DISTINCT p) AS cited_by
RETURN w.id AS id, w.title AS title, w.year AS year, coalesce(w.external, false) AS external, cited_by
ORDER BY cited_by DESC, id
LIMIT $limit

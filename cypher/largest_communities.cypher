// Question: What are the largest communities of the graph, and their top entities (by papers mentioning them)?
// Parameters: $limit - communities to return; $top - entities listed per community.
// @param limit = 10
// @param top = 8
// Example: graphkit query cypher/largest_communities.cypher --param limit=5 --param top=5
MATCH (n)
WHERE n.community IS NOT NULL
WITH n.community AS community, count(n) AS size, sum(CASE WHEN n:Paper THEN 1 ELSE 0 END) AS papers
ORDER BY size DESC, community
LIMIT $limit
MATCH (e:Entity)
WHERE e.community = community
WITH community, size, papers, e
ORDER BY e.df DESC, e.name
RETURN community, size, papers, collect(e.name)[0..$top] AS top_entities
ORDER BY size DESC, community

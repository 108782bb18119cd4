// Question: Which papers bridge two communities (mention entities of both)?
// Parameters: $a, $b - community numbers (0 = the largest; see largest_communities.cypher); $limit.
// @param a = 0
// @param b = 1
// @param limit = 20
// Example: graphkit query cypher/bridging_papers.cypher --param a=0 --param b=2
MATCH (p:Paper)-[:MENTIONS]->(x:Entity), (p)-[:MENTIONS]->(y:Entity)
WHERE x.community = $a AND y.community = $b AND x <> y
RETURN p.id AS paper, p.title AS title, p.community AS community,
       collect(DISTINCT x.name) AS from_a, collect(DISTINCT y.name) AS from_b,
       count(DISTINCT x) + count(DISTINCT y) AS links
ORDER BY links DESC, paper
LIMIT $limit

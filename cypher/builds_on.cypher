// Question: What does a paper build on, and what builds on it (inferred BUILDS_ON and explicit CITES)?
// Parameters: $paper - a paper id, arXiv id, or part of its title (any case).
// @param paper = "Meta-World"
// Example: graphkit query cypher/builds_on.cypher --param paper=UniVLA
MATCH (p:Paper)-[r:BUILDS_ON|CITES]->(q:Paper)
WHERE p.id = $paper OR p.arxiv_id = $paper OR toLower(p.title) CONTAINS toLower($paper)
RETURN p.title AS paper, 'builds on' AS direction, type(r) AS how, q.id AS other, q.title AS title, r.via AS via
UNION ALL
MATCH (p:Paper)<-[r:BUILDS_ON|CITES]-(q:Paper)
WHERE p.id = $paper OR p.arxiv_id = $paper OR toLower(p.title) CONTAINS toLower($paper)
RETURN p.title AS paper, 'built upon by' AS direction, type(r) AS how, q.id AS other, q.title AS title, r.via AS via

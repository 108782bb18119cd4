// Question: Which entities does a paper mention or introduce, and where (character offsets)?
// Parameters: $paper - a paper id, arXiv id, or part of its title (any case).
// @param paper = "OpenVLA"
// Example: graphkit query cypher/paper_entities.cypher --param paper="Diffusion Policy"
MATCH (p:Paper)-[m:MENTIONS]->(e:Entity)
WHERE p.id = $paper OR p.arxiv_id = $paper OR toLower(p.title) CONTAINS toLower($paper)
OPTIONAL MATCH (p)-[i:INTRODUCES]->(e)
RETURN p.title AS paper, e.type AS type, e.name AS entity, m.count AS mentions,
       i IS NOT NULL AS introduced, m.evidence AS evidence
ORDER BY paper, type, entity

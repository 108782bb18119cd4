// Question: Which papers are related to a given paper, and why (the entities they share)?
// Parameters: $paper - a paper id, arXiv id, or part of its title (any case); $limit.
// @param paper = "UniVLA"
// @param limit = 10
// Example: graphkit query cypher/related_papers.cypher --param paper=arxiv:2406.09246
MATCH (p:Paper)
WHERE p.id = $paper OR p.arxiv_id = $paper OR toLower(p.title) CONTAINS toLower($paper)
MATCH (p)-[r:RELATED]-(q:Paper)
WHERE q <> p
WITH p, q, max(r.weight) AS weight, collect(r.shared) AS shared_lists
RETURN p.title AS paper, q.id AS related, q.title AS title, round(weight * 1000) / 1000.0 AS weight,
       shared_lists[0] AS shared
ORDER BY weight DESC, related
LIMIT $limit

// Question: Do the explicit citations confirm or contradict the inferred BUILDS_ON links?
// Parameters: none. Verdicts: "confirmed" (A builds on B and cites B), "contradicted" (A's references are known, B is not among them), "no references" (nothing fetched for A), "cited, not inferred" (A cites corpus paper B without a BUILDS_ON).
// Example: graphkit query cypher/citations_vs_builds_on.cypher --format csv
MATCH (a:Paper)-[r:BUILDS_ON]->(b:Paper)
OPTIONAL MATCH (a)-[c:CITES]->(b)
OPTIONAL MATCH (a)-[k:CITES]->(:Paper)
WITH a, b, r, count(DISTINCT c) AS cites_it, count(DISTINCT k) AS references
RETURN a.id AS paper, a.title AS title, b.id AS other, b.title AS other_title, r.via AS via,
       CASE WHEN cites_it > 0 THEN 'confirmed' WHEN references > 0 THEN 'contradicted' ELSE 'no references' END AS verdict
UNION ALL
MATCH (a:Paper)-[:CITES]->(b:Paper)
WHERE NOT coalesce(b.external, false) AND NOT (a)-[:BUILDS_ON]->(b)
RETURN a.id AS paper, a.title AS title, b.id AS other, b.title AS other_title, null AS via,
       'cited, not inferred' AS verdict

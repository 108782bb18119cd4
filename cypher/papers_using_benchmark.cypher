// Question: Which papers use a given benchmark (matched by name or alias, any case)?
// Parameters: $name - the benchmark, e.g. "LIBERO".
// @param name = "LIBERO"
// Example: graphkit query cypher/papers_using_benchmark.cypher --param name=CALVIN
MATCH (b:Benchmark)
WHERE toLower(b.name) = toLower($name) OR any(a IN b.aliases WHERE toLower(a) = toLower($name))
MATCH (p:Paper)-[m:MENTIONS]->(b)
RETURN b.name AS benchmark, p.id AS paper, p.title AS title, p.date AS date, m.count AS mentions
ORDER BY mentions DESC, paper

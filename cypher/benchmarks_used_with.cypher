// Question: Which benchmarks are most often used together with a given benchmark (LIBERO)?
// Parameters: $name - the benchmark (name or alias); $limit - rows to return.
// @param name = "LIBERO"
// @param limit = 20
// Example: graphkit query cypher/benchmarks_used_with.cypher --param name=CALVIN --param limit=5
MATCH (b:Benchmark)
WHERE toLower(b.name) = toLower($name) OR any(a IN b.aliases WHERE toLower(a) = toLower($name))
MATCH (p:Paper)-[:MENTIONS]->(b)
MATCH (p)-[:MENTIONS]->(other:Benchmark)
WHERE other <> b
RETURN other.name AS benchmark, count(DISTINCT p) AS papers, collect(DISTINCT p.title) AS titles
ORDER BY papers DESC, benchmark
LIMIT $limit

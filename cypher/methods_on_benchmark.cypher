// Question: Which methods are evaluated on a given benchmark (mentioned by papers using it)?
// Parameters: $name - the benchmark (name or alias).
// @param name = "LIBERO"
// Example: graphkit query cypher/methods_on_benchmark.cypher --param name=MetaWorld --format csv
MATCH (b:Benchmark)
WHERE toLower(b.name) = toLower($name) OR any(a IN b.aliases WHERE toLower(a) = toLower($name))
MATCH (p:Paper)-[:MENTIONS]->(b)
MATCH (p)-[:MENTIONS]->(m:Method)
OPTIONAL MATCH (p)-[i:INTRODUCES]->(m)
RETURN m.name AS method, count(DISTINCT p) AS papers, count(i) AS introduced_here,
       collect(DISTINCT p.title) AS titles
ORDER BY papers DESC, method

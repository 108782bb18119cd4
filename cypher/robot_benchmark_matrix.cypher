// Question: Which robots are used on which benchmarks (a robots x benchmarks matrix, long form)?
// Parameters: none.
// Example: graphkit query cypher/robot_benchmark_matrix.cypher --format csv > matrix.csv
MATCH (r:Robot)<-[:MENTIONS]-(p:Paper)-[:MENTIONS]->(b:Benchmark)
RETURN r.name AS robot, b.name AS benchmark, count(DISTINCT p) AS papers
ORDER BY papers DESC, robot, benchmark

// Question: Which are the most mentioned entities of each type?
// Parameters: $top - entities listed per type.
// @param top = 10
// Example: graphkit query cypher/top_entities_by_type.cypher --param top=5
MATCH (e:Entity)
WITH e
ORDER BY e.df DESC, e.name
RETURN e.type AS type, count(e) AS entities, collect(e.name)[0..$top] AS top
ORDER BY entities DESC, type

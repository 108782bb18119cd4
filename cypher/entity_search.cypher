// Question: Which entities match a search text in their name or aliases (any case)?
// Parameters: $q - the text to look for.
// @param q = "vla"
// Example: graphkit query cypher/entity_search.cypher --param q=diffusion
MATCH (e:Entity)
WHERE toLower(e.name) CONTAINS toLower($q) OR any(a IN e.aliases WHERE toLower(a) CONTAINS toLower($q))
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, e.df AS papers
ORDER BY papers DESC, id

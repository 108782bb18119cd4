// Question: Which entities are most often mentioned together with a given entity?
// Parameters: $name - the entity (name or alias, any case); $limit.
// @param name = "Diffusion Policy"
// @param limit = 15
// Example: graphkit query cypher/co_occurring_entities.cypher --param name=MuJoCo
MATCH (e:Entity)
WHERE toLower(e.name) = toLower($name) OR any(a IN e.aliases WHERE toLower(a) = toLower($name))
MATCH (e)-[c:CO_OCCURS]-(o:Entity)
WHERE o <> e
RETURN e.name AS entity, o.name AS other, o.type AS type, c.papers AS papers,
       round(c.weight * 1000) / 1000.0 AS strength
ORDER BY papers DESC, strength DESC, other
LIMIT $limit

#!/usr/bin/env node
// Lints Cypher with Neo4j's own parser (@neo4j-cypher/language-support, lintCypherQuery)
// and prints JSON diagnostics on stdout.
//
//   node lint.mjs cypher/*.cypher          # one entry per file
//   echo 'MATCH (n RETURN n' | node lint.mjs -   # stdin: one query
//   node lint.mjs --json-lines < queries.jsonl   # {"name", "query"} per line
//
// Output: [{"name", "errors": [...], "warnings": [...]}]; each diagnostic has message,
// line, column, offset. "Parameter $x is not defined" diagnostics are filtered out
// (parameters are supplied at run time). Exit code 1 when any error was found.
import { readFileSync } from 'node:fs';
import { lintCypherQuery, isNotParamError } from '@neo4j-cypher/language-support';

function lint(name, query) {
  const { diagnostics } = lintCypherQuery(query, {});
  const out = { name, errors: [], warnings: [] };
  for (const d of diagnostics.filter(isNotParamError)) {
    const item = {
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      offset: d.offsets ? d.offsets.start : null,
    };
    (d.severity === 1 ? out.errors : out.warnings).push(item);
  }
  return out;
}

const args = process.argv.slice(2);
const items = [];
if (args[0] === '--json-lines') {
  for (const line of readFileSync(0, 'utf8').split('\n')) {
    if (line.trim()) {
      const { name, query } = JSON.parse(line);
      items.push([name, query]);
    }
  }
} else if (args.length === 0 || args[0] === '-') {
  items.push(['<stdin>', readFileSync(0, 'utf8')]);
} else {
  for (const f of args) items.push([f, readFileSync(f, 'utf8')]);
}
const results = items.map(([name, query]) => lint(name, query));
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
process.exitCode = results.some((r) => r.errors.length) ? 1 : 0;

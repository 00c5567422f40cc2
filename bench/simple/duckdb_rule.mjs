// Runs the simplified sixth-form rule (simple.sql) in DuckDB, through the npm package
// @duckdb/node-api (installed beside this file by `npm ci --prefix bench/simple`).
//
//   node bench/simple/duckdb_rule.mjs cohort.csv out.csv [threads]
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output, threads = '2'] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: duckdb_rule.mjs INPUT.csv OUTPUT.csv [threads]');
  process.exit(2);
}
// A path in SQL text: single quotes doubled.
const quoted = (path) => path.replaceAll("'", "''");
const sql = readFileSync(new URL('./simple.sql', import.meta.url), 'utf8')
  .replaceAll('{input}', quoted(input))
  .replaceAll('{output}', quoted(output));
const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
await connection.run(sql);
connection.closeSync();

// The limit for the file benchmark: a cold process that loads a CSV event log into a sorted
// MergeTree table with the engine's own reader and nothing else (no checks, no ids, no analysis).
// Plain JavaScript on purpose: it pays no TypeScript loader. usage: node raw-load.mjs FILE DIR
import process from 'node:process'
import { Session } from 'chdb'

const [file, dir] = process.argv.slice(2)
const session = new Session(dir)
const literal = (s) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
session.query(`CREATE TABLE log (case_id String, activity LowCardinality(String), ts DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY (case_id, ts)`)
session.query(
  `INSERT INTO log SELECT case_id, activity, parseDateTime64BestEffort(timestamp, 3, 'UTC') FROM file(${literal(file)}, 'CSVWithNames', 'case_id String, activity String, timestamp String')`,
)
process.stdout.write(`${session.query('SELECT count() FROM log', 'TSV').trim()}\n`)
session.cleanup()

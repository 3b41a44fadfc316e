import { parse } from 'csv-parse/sync'
import { fileLiteral } from '../../storage/events/event-store.ts'
import type { ColumnMapping } from './import-record.ts'
import { clippedRaw, DEFAULT_MAX_RECORD_SIZE, uniqueNames } from './read-csv.ts'
import { planColumns, planProblem, rowToItem, type Row } from './record-fields.ts'
import { ENGINE_PARAMS, type EngineFile, fieldsSql, fileStart } from './engine-file.ts'

/**
 * A CSV (or TSV) file as the engine's own CSV input reads it (with the file's
 * delimiter), for files whose structure the engine and the streaming reader
 * read alike: one header line, every record on one line, UTF-8. Undefined when
 * its header cannot be read here (longer than 64 KB, over several lines, not
 * UTF-8) or names no case, activity and time: the streaming reader then reads
 * it and says why.
 */
export async function engineCsv(file: string, gzipped: boolean, mapping: ColumnMapping | undefined, delimiter: string = ','): Promise<EngineFile | undefined> {
  const start = await fileStart(file, gzipped)
  const end = start.indexOf('\n')
  if (end === -1) return undefined
  const line = start.slice(0, end).replace(/\r$/, '').replace(/^\uFEFF/, '')
  if (line.includes('\r') || line.includes('\uFFFD')) return undefined
  let names: string[]
  try {
    const [record] = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][]
    if (!record) return undefined
    names = record
  } catch {
    return undefined
  }
  const header = uniqueNames(names.map((name) => name.trim()))
  const plan = planColumns(header, mapping)
  if (planProblem(plan) !== undefined) return undefined
  const structure = header.map((_, i) => `c${i} String`).join(', ')
  const compression = gzipped ? 'gzip' : 'none'
  // The engine's CSV format takes no tab between values; its custom format does, with CSV's quoting rules.
  const format = delimiter === ',' ? 'CSVWithNames' : 'CustomSeparatedWithNames'
  const custom = delimiter === ',' ? '' : ` format_custom_escaping_rule = 'CSV', format_custom_field_delimiter = '\\t', format_custom_row_after_delimiter = '\\n',`
  const source = `(SELECT _row_number AS n, * FROM file(${fileLiteral(file)}, '${format}', '${structure}', '${compression}')
    SETTINGS${custom} input_format_with_names_use_header = 0, format_csv_allow_single_quotes = 0, input_format_allow_errors_num = 0,
             input_format_csv_trim_whitespaces = 0, input_format_csv_empty_as_default = 1, input_format_csv_allow_variable_number_of_columns = 0)`
  const all = header.map((_, i) => `c${i}`)
  const columns = all.map((c) => `r.${c}`)
  return {
    plan,
    header,
    source,
    file: fileLiteral(file),
    compression,
    firstLine: 2,
    maxSlowShare: 1,
    fields: fieldsSql(plan, header),
    // A value with a line break or bytes that are not UTF-8, or a record the streaming reader may find too long (its raw
    // text: at most twice its values, quotes doubled, plus 3 a field).
    broken: `arrayExists(v -> match(v, '[\\\\r\\\\n]') OR NOT isValidUTF8(v), [${all.join(', ')}]) OR 2 * (${all.map((c) => `length(${c})`).join(' + ')}) + ${3 * all.length} > ${DEFAULT_MAX_RECORD_SIZE}`,
    // With its raw line, for the quarantine.
    slowRecords: (fast: string) => `SELECT r.n AS n, [${columns.join(', ')}] AS values, l.line AS raw
     FROM (SELECT * FROM ${source} WHERE NOT (${fast})) AS r
     LEFT JOIN (SELECT _row_number - 1 AS n, line FROM file(${fileLiteral(file)}, 'LineAsString', 'line String', '${compression}') WHERE _row_number > 0) AS l USING n
     ORDER BY n`,
    toItem(r) {
      const row: Row = {}
      const values = r.values as string[]
      header.forEach((name, i) => (row[name] = values[i]))
      return rowToItem(row, Number(r.n) + 2, clippedRaw(String(r.raw).replace(/\r$/, '')), plan)
    },
    params: ENGINE_PARAMS,
  }
}


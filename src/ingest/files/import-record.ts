/**
 * One event read from an import file (CSV, TSV, JSONL or XES), before it becomes a
 * stored row. Readers stream these; they never hold a whole file in memory.
 */
export type ImportRecord = {
  /** 1-based line of the record in the file (CSV: physical line where the record starts; XES: line of its <event>). */
  line: number
  caseId: string
  activity: string
  timestamp: Date
  channel?: string
  score?: number
  scoreKind?: string
  touchpoint?: string
  comment?: string
  revenue?: number
  /** The event's own id (an exported message id), cut to the collector's longest id; without it the import derives one from the row. */
  id?: string
  /** Every other column / attribute, as text. */
  properties: Record<string, string>
}

/** An input the reader could not turn into a record, with the reason; it goes to quarantine, with the case id when it could be read (erasure matches by it). */
export type ImportRejection = { line: number; reason: string; raw: string; customerId?: string }

export type ImportItem = { ok: true; record: ImportRecord } | { ok: false; rejection: ImportRejection }

/** The standard fields a file's columns can be mapped to (CLI flags --case, --activity, …, --id). */
export const IMPORT_FIELDS = ['case', 'activity', 'timestamp', 'channel', 'score', 'scoreKind', 'touchpoint', 'comment', 'revenue', 'id'] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]
export type ColumnMapping = Partial<Record<ImportField, string>>

/** `tsv`: CSV's rules (double quotes around a value holding a tab, a quote or a line break) with tabs between values, as spreadsheets export it. */
export const IMPORT_FORMATS = ['csv', 'tsv', 'jsonl', 'xes'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** The character between values of a delimited format. */
export const DELIMITERS = { csv: ',', tsv: '\t' } as const
export type DelimitedFormat = keyof typeof DELIMITERS
export const isDelimited = (format: ImportFormat | undefined): format is DelimitedFormat => format === 'csv' || format === 'tsv'

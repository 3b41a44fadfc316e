import { useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { num, pct } from '../../ui/format.ts'
import { formatOfFile, uploadFile, type ImportFormat, type ImportSummary, type UploadProgress } from './upload-file.ts'

type State = { step: 'idle' } | { step: 'sending'; progress: UploadProgress; abort: () => void } | { step: 'done'; summary: ImportSummary } | { step: 'failed'; message: string }

const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(0)} kB` : `${(n / 1024 ** 2).toFixed(1)} MB`)

/** Import an event file (CSV, JSONL, XES, optionally gzip): the upload's progress, then what was stored and what was rejected. */
export function FileImport({ slug, csrfToken, canImport, onImported }: { slug: string; csrfToken: string; canImport: boolean; onImported: () => void }) {
  const queries = useQueryClient()
  const input = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [format, setFormat] = useState<ImportFormat | ''>('')
  const [state, setState] = useState<State>({ step: 'idle' })
  const chosen = format || (file ? formatOfFile(file.name) : undefined)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!file || !chosen) return
    const upload = uploadFile({ workspace: slug, file, format: chosen, csrfToken, onProgress: (progress) => setState((s) => (s.step === 'sending' ? { ...s, progress } : s)) })
    setState({ step: 'sending', progress: { phase: 'uploading', sent: 0, total: file.size }, abort: upload.abort })
    try {
      const summary = await upload.done
      setState({ step: 'done', summary })
      // New events change every figure, list and analysis of the workspace.
      void queries.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' && q.queryKey[0] !== 'keys' && q.queryKey[0] !== 'members' })
      onImported()
    } catch (err) {
      setState({ step: 'failed', message: (err as Error).message })
    }
  }

  return (
    <section className="card data-section" id="import" aria-labelledby="import-title">
      <h2 id="import-title">Import a file</h2>
      <p className="muted">
        Events from any system, one per row: a CSV with a header row, JSON lines or an XES event log, optionally gzip-compressed. Columns read by name: <code>customer_id</code> (or{' '}
        <code>case_id</code>), <code>event</code> (or <code>activity</code>), <code>timestamp</code>; optional <code>channel</code>, <code>revenue</code>, feedback as <code>score</code> +{' '}
        <code>score_kind</code> (nps, csat, ces, rating) with <code>touchpoint</code> and <code>comment</code>. Other columns are kept as properties. Importing the same file twice stores it once.
      </p>
      {!canImport ? (
        <p className="note">Editors and owners can import files; your role can read the data.</p>
      ) : (
        <form className="import-form" onSubmit={submit}>
          <label className="grow">
            Event file
            <input
              ref={input}
              type="file"
              accept=".csv,.tsv,.tab,.jsonl,.ndjson,.json,.xes,.gz"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null)
                setState({ step: 'idle' })
              }}
              disabled={state.step === 'sending'}
            />
          </label>
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as ImportFormat | '')} disabled={state.step === 'sending'}>
              <option value="">{file && formatOfFile(file.name) ? `From the name (${formatOfFile(file.name)})` : 'From the file name'}</option>
              <option value="csv">CSV</option>
              <option value="jsonl">JSON lines</option>
              <option value="xes">XES</option>
            </select>
          </label>
          {state.step === 'sending' ? (
            <button type="button" className="ghost danger" onClick={state.abort}>
              Cancel
            </button>
          ) : (
            <button type="submit" disabled={!file || !chosen}>
              Import
            </button>
          )}
          {file && !chosen && <p className="error">Pick the format: the name “{file.name}” does not say it.</p>}
        </form>
      )}
      {state.step === 'sending' && <Progress progress={state.progress} />}
      {state.step === 'failed' && (
        <p className="error" role="alert">
          Import failed: {state.message}
        </p>
      )}
      {state.step === 'done' && <Summary summary={state.summary} />}
    </section>
  )
}

function Progress({ progress }: { progress: UploadProgress }) {
  if (progress.phase === 'importing') {
    return (
      <div className="import-progress" role="status">
        <progress aria-label="Storing the events" />
        <span>Uploaded. Reading and storing the events…</span>
      </div>
    )
  }
  const share = progress.total ? progress.sent / progress.total : 0
  return (
    <div className="import-progress" role="status">
      <progress aria-label="Upload progress" max={1} value={share} />
      <span>
        Uploading {bytes(progress.sent)} of {bytes(progress.total)} ({pct(share)})
      </span>
    </div>
  )
}

function Summary({ summary: s }: { summary: ImportSummary }) {
  const stored = s.imported - s.skipped
  return (
    <div className="import-summary" role="status" aria-label="Import summary">
      <p>
        <strong>{s.file}</strong> imported in {s.seconds.toFixed(1)} s.
      </p>
      <dl className="summary-figures">
        <div>
          <dt>Stored</dt>
          <dd>{num(stored)}</dd>
        </div>
        <div>
          <dt>Skipped (already stored)</dt>
          <dd>{num(s.skipped)}</dd>
        </div>
        <div className={s.quarantined ? 'bad' : ''}>
          <dt>Rejected (quarantined)</dt>
          <dd>{num(s.quarantined)}</dd>
        </div>
        <div className={s.offPlan ? 'warn' : ''}>
          <dt>Off the tracking plan</dt>
          <dd>{num(s.offPlan)}</dd>
        </div>
        <div>
          <dt>Customers</dt>
          <dd>{num(s.customers)}</dd>
        </div>
        <div>
          <dt>Given traits</dt>
          <dd>{num(s.customersWithTraits)}</dd>
        </div>
      </dl>
      {s.firstErrors.length > 0 && (
        <>
          <p>
            Rejected lines{s.quarantined > s.firstErrors.length ? ` (the first ${s.firstErrors.length} of ${num(s.quarantined)})` : ''}; each is kept whole in the <a href="#quarantine">quarantine below</a>:
          </p>
          <ul className="first-errors">
            {s.firstErrors.map((e) => (
              <li key={e.line}>
                Line {e.line}: {e.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

import { ApiError } from '../../api/client.ts'
import type { paths } from '../../api/schema'

export type ImportSummary = paths['/api/workspaces/{ws}/imports']['post']['responses'][200]['content']['application/json']
export type ImportFormat = 'csv' | 'tsv' | 'jsonl' | 'xes'
export type UploadProgress = { phase: 'uploading'; sent: number; total: number } | { phase: 'importing' }

/** The format a file's name says (gzip files by the name under .gz), or undefined. */
export function formatOfFile(name: string): ImportFormat | undefined {
  const base = name.toLowerCase().replace(/\.gz$/, '')
  if (base.endsWith('.csv')) return 'csv'
  if (base.endsWith('.tsv') || base.endsWith('.tab')) return 'tsv'
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson') || base.endsWith('.json')) return 'jsonl'
  if (base.endsWith('.xes')) return 'xes'
  return undefined
}

/**
 * Sends a file as the body of the import route with XMLHttpRequest, which
 * (unlike fetch) reports upload progress; the signed-in session's cookie goes
 * with it and writes need the session's CSRF token. Resolves to the import's
 * summary once the server has stored it.
 */
export function uploadFile(opts: { workspace: string; file: File; format: ImportFormat; csrfToken: string; onProgress: (p: UploadProgress) => void }): { done: Promise<ImportSummary>; abort: () => void } {
  const xhr = new XMLHttpRequest()
  const done = new Promise<ImportSummary>((resolve, reject) => {
    xhr.open('POST', `/api/workspaces/${encodeURIComponent(opts.workspace)}/imports?${new URLSearchParams({ format: opts.format, name: opts.file.name })}`)
    xhr.withCredentials = true
    xhr.setRequestHeader('x-csrf-token', opts.csrfToken)
    xhr.setRequestHeader('content-type', 'application/octet-stream')
    xhr.responseType = 'json'
    xhr.upload.onprogress = (e) => opts.onProgress({ phase: 'uploading', sent: e.loaded, total: e.lengthComputable ? e.total : opts.file.size })
    // Every byte is sent: the server is now reading and storing the events.
    xhr.upload.onload = () => opts.onProgress({ phase: 'importing' })
    xhr.onload = () => {
      const body = xhr.response as (ImportSummary & { detail?: string; requestId?: string }) | null
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body)
      else reject(new ApiError(xhr.status, body?.detail ?? `${xhr.status} ${xhr.statusText || 'Upload failed'}`, body?.requestId))
    }
    xhr.onerror = () => reject(new ApiError(0, 'The upload did not reach the server; check the connection and try again'))
    xhr.onabort = () => reject(new ApiError(0, 'Upload cancelled'))
    xhr.send(opts.file)
  })
  return { done, abort: () => xhr.abort() }
}

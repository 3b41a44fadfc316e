import { useQuery } from '@tanstack/react-query'
import { ApiError, client, ok } from '../../api/client.ts'

/** Someone saved the journey meanwhile: who and what (from the history), and a reload; nothing is overwritten. */
export function ConflictNote({ slug, journeyId, edited, detail, onReload }: { slug: string; journeyId: string; edited: number; detail: string; onReload: () => void }) {
  const versions = useQuery({
    queryKey: ['journey', slug, journeyId, 'versions'],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/versions', { params: { path: { ws: slug, id: journeyId } } })),
    // A history read before the other save does not name it: always read it afresh.
    refetchOnMount: 'always',
  })
  const newer = (versions.data ?? []).filter((v) => v.version > edited).sort((a, b) => a.version - b.version)
  return (
    <div className="conflict" role="alert">
      <p>
        <strong>Not saved: someone else changed this journey while you were editing.</strong> {detail}
      </p>
      {newer.length > 0 && (
        <ul>
          {newer.map((v) => (
            <li key={v.version}>
              Version {v.version}, by {v.createdBy ?? 'an import'} at {new Date(v.createdAt).toLocaleTimeString('en', { timeStyle: 'short' })}: {v.summary}
            </li>
          ))}
        </ul>
      )}
      <p>Reload to see their version, then make your change again. Your unsaved changes on this page will be replaced.</p>
      <button type="button" onClick={onReload}>
        Reload the journey
      </button>
    </div>
  )
}

/** What became of a save: saved (a status), someone saved in between (the conflict and a reload), or another error. */
export function SaveOutcome(props: { slug: string; journeyId: string; edited: number; saved: string | null | undefined; error: Error | null; onReload: () => void }) {
  const conflict = props.error instanceof ApiError && props.error.status === 409
  return (
    <>
      {props.saved && (
        <p className="ok-note" role="status">
          {props.saved}
        </p>
      )}
      {conflict ? (
        <ConflictNote slug={props.slug} journeyId={props.journeyId} edited={props.edited} detail={props.error?.message ?? ''} onReload={props.onReload} />
      ) : (
        props.error && (
          <p className="error" role="alert">
            Not saved: {props.error.message}
          </p>
        )
      )}
    </>
  )
}

/** The end of a create form: its error, Cancel and the submit button. */
export function FormFooter({ error, busy, submit, onCancel }: { error: Error | null; busy: boolean; submit: string; onCancel: () => void }) {
  return (
    <>
      {error && (
        <p className="error wide" role="alert">
          {error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={busy}>
          {submit}
        </button>
      </div>
    </>
  )
}

import { useState } from 'react'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'

/** "What we will not do, and why": a reason (required) and a date to look again. */
export function DeclineDialog({ title, busy, error, onDecline, onCancel }: { title: string; busy: boolean; error?: string; onDecline: (reason: string, revisitAt: string | null) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  const [revisit, setRevisit] = useState('')
  const [missing, setMissing] = useState(false)
  return (
    <ConfirmDialog
      title={`Decline “${title}”?`}
      confirmLabel="Decline"
      danger
      busy={busy}
      error={missing ? 'Say why: the reason is kept with the item.' : error}
      onConfirm={() => (reason.trim() ? onDecline(reason.trim(), revisit || null) : setMissing(true))}
      onCancel={onCancel}
    >
      <p>It leaves the ranked list but stays searchable, and comes back when its red point gets worse or the revisit date comes.</p>
      <label className="field">
        Reason
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required aria-invalid={missing} />
      </label>
      <label className="field">
        Revisit on (optional)
        <input type="date" value={revisit} onChange={(e) => setRevisit(e.target.value)} />
      </label>
    </ConfirmDialog>
  )
}

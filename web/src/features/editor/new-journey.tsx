import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { client, ok } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import './editor.css'

/** The smallest journey worth drawing: one stage with one step, both to rename in the editor. */
const emptyJourney = (name: string): JourneyDocument => ({
  format: 'waymark.journey/v1',
  name,
  kind: 'current',
  status: 'draft',
  stages: [{ key: 'stage_1', name: 'Stage 1', steps: [{ key: 'step_1', name: 'Step 1' }] }],
})

/** "New journey": asks its name, creates it and opens its editor. */
export function NewJourney({ slug }: { slug: string }) {
  const navigate = useNavigate()
  const queries = useQueryClient()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const create = useMutation({
    mutationFn: () => ok(client.POST('/api/workspaces/{ws}/journeys', { params: { path: { ws: slug } }, body: emptyJourney(name.trim()) })),
    onSuccess: async (created) => {
      await queries.invalidateQueries({ queryKey: ['journeys', slug] })
      void navigate(`/w/${slug}/journeys/${created.id}/map?edit=1`)
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate()
  }
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        + New journey
      </button>
    )
  return (
    <form className="new-journey" onSubmit={submit}>
      <label>
        Name of the new journey
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoFocus placeholder="e.g. Making a claim" />
      </label>
      <button type="submit" disabled={create.isPending || !name.trim()}>
        {create.isPending ? 'Creating…' : 'Create and edit'}
      </button>
      <button type="button" className="ghost" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {create.error && (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      )}
    </form>
  )
}

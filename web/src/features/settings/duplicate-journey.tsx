import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useNavigate, useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'

/** A copy of the saved journey as a new future-state journey, to design the experience to come; opens its map. */
export function DuplicateJourney({ journey }: { journey: { name: string; document: JourneyDocument } }) {
  const { slug = '' } = useParams()
  const navigate = useNavigate()
  const queries = useQueryClient()
  const [name, setName] = useState(`${journey.name} (future state)`)
  const duplicate = useMutation({
    mutationFn: () =>
      ok(client.POST('/api/workspaces/{ws}/journeys', { params: { path: { ws: slug } }, body: { ...journey.document, name: name.trim(), kind: 'future', status: 'draft' } })),
    onSuccess: async (created) => {
      await queries.invalidateQueries({ queryKey: ['journeys', slug] })
      void navigate(`/w/${slug}/journeys/${created.id}/map`)
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    duplicate.mutate()
  }
  return (
    <section className="card" aria-labelledby="duplicate-title">
      <h2 id="duplicate-title">Duplicate as a future state</h2>
      <p className="muted">
        Copies the saved journey (stages, steps, persona and research) into a new journey of kind “future state”, status draft, to design the experience to come. This journey
        stays as it is.
      </p>
      <form className="duplicate-form" onSubmit={submit}>
        <label>
          Name of the copy
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </label>
        <button type="submit" disabled={duplicate.isPending || !name.trim()}>
          {duplicate.isPending ? 'Duplicating…' : 'Duplicate'}
        </button>
      </form>
      {duplicate.error && (
        <p className="error" role="alert">
          {duplicate.error.message}
        </p>
      )}
    </section>
  )
}

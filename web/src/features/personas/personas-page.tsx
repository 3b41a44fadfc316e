import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { Pending } from '../../ui/states.tsx'
import { useSession } from '../shell/session.ts'
import { useJourneys } from '../shell/workspace-layout.tsx'
import { NoPersonas } from './no-personas.tsx'
import { PersonaCard } from './persona-card.tsx'
import { PersonaForm, type Persona } from './persona-form.tsx'
import './personas.css'

/** What is open: the new-persona form, one persona's editor, or nothing. */
type Editing = 'new' | string | null

/** The workspace's personas with their jobs to be done and the journeys that name them; editors and owners create, edit and delete. */
export function PersonasPage() {
  const { slug = '' } = useParams()
  const { session } = useSession()
  const role = session.workspaces.find((w) => w.slug === slug)?.role ?? 'viewer'
  const canEdit = role !== 'viewer'
  const queries = useQueryClient()
  const personas = useQuery({ queryKey: ['personas', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/personas', { params: { path: { ws: slug } } })) })
  const journeys = useJourneys(slug)
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<Persona | null>(null)

  const remove = useMutation({
    mutationFn: (p: Persona) => ok(client.DELETE('/api/workspaces/{ws}/personas/{id}', { params: { path: { ws: slug, id: p.id } } })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['personas', slug] })
      setDeleting(null)
    },
  })
  const journeysOf = (p: Persona) => (journeys.data ?? []).filter((j) => j.persona === p.name)
  const tiers = (personas.data ?? []).flatMap((p) => (p.valueTier ? [p.valueTier] : []))

  return (
    <div className="page personas-page">
      <div className="page-head">
        <h1>Personas</h1>
        <span className="spacer" />
        {canEdit && editing !== 'new' && (personas.data?.length ?? 0) > 0 && <button onClick={() => setEditing('new')}>New persona</button>}
      </div>
      <p className="muted intro">
        Who your journeys are for, and the jobs they hire you to do. A journey names its persona; importing a journey adds its persona here.
        {!canEdit && ' You are a viewer: editors and owners change personas.'}
      </p>
      {editing === 'new' && <PersonaForm slug={slug} tiers={tiers} onDone={() => setEditing(null)} />}
      <Pending query={personas} what="Reading the workspace's personas">
        {(list) =>
          list.length === 0 ? (
            editing !== 'new' && <NoPersonas canEdit={canEdit} onStart={() => setEditing('new')} />
          ) : (
            <div className="persona-list">
              {list.map((p) =>
                editing === p.id ? (
                  <PersonaForm key={p.id} slug={slug} persona={p} tiers={tiers} onDone={() => setEditing(null)} />
                ) : (
                  <PersonaCard
                    key={p.id}
                    slug={slug}
                    persona={p}
                    journeys={journeysOf(p)}
                    onEdit={canEdit ? () => setEditing(p.id) : undefined}
                    onDelete={canEdit ? () => setDeleting(p) : undefined}
                  />
                ),
              )}
            </div>
          )
        }
      </Pending>
      {deleting && (
        <ConfirmDialog
          title={`Delete the persona “${deleting.name}”?`}
          confirmLabel="Delete persona"
          danger
          busy={remove.isPending}
          error={remove.error?.message}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => {
            remove.reset()
            setDeleting(null)
          }}
        >
          Its goals, frustrations and jobs to be done are deleted. Journeys that name it keep their own copy
          {journeysOf(deleting).length > 0 ? ` (${journeysOf(deleting).length} here)` : ''}, and importing such a journey again brings the persona back.
        </ConfirmDialog>
      )}
    </div>
  )
}

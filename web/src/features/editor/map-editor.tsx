import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { Link, useBlocker, useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { BUILTIN_CHANNELS } from '../../../../src/domain/journey/journey.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { LaneChooser, lanesOf } from '../journey/lanes.tsx'
import { measuredSteps } from '../journey/measured-map.tsx'
import type { MapAnswer } from '../journey/map-types.ts'
import { StepPanel } from '../journey/step-panel.tsx'
import { SaveOutcome } from '../settings/conflict-note.tsx'
import { refreshJourney } from '../versions/journey-queries.ts'
import { addStage, addStep, deleteStage, deleteStep, findStep, stageKeysOf, stepKeysOf, updateStage, updateStep } from './edit-map.ts'
import './editor.css'
import { SortableMap, type Selection } from './sortable-map.tsx'
import { StageForm } from './stage-form.tsx'
import { StepForm } from './step-form.tsx'
import { useEditHistory } from './use-edit-history.ts'

type Journey = { id: string; version: number; document: JourneyDocument }
type Pending = { kind: 'stage' | 'step'; key: string } | 'discard'

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.matches('input:not([type=radio]):not([type=checkbox]), textarea, select') || t.isContentEditable)

/**
 * The map in edit mode: a local copy of the version it was opened on (`base`),
 * edited with undo and redo, saved as one new version. A newer version saved
 * meanwhile is never overwritten: the save is refused and a reload offered.
 * The cards keep the figures measured for the saved version; saving re-measures.
 */
export function MapEditor({ journey, map, measuring }: { journey: Journey; map: MapAnswer | undefined; measuring: boolean }) {
  const { slug = '', journeyId = '' } = useParams()
  const { search } = useFilter()
  const queries = useQueryClient()
  const [customersOf, setCustomersOf] = useState<string | undefined>()
  const [base, setBase] = useState(journey)
  const history = useEditHistory(journey.document)
  const { doc, commit } = history
  const [selection, setSelection] = useState<Selection>(null)
  const [confirm, setConfirm] = useState<Pending | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const dirty = useMemo(() => JSON.stringify(doc) !== JSON.stringify(base.document), [doc, base])
  const savedStages = useMemo(() => stageKeysOf(base.document), [base])
  const savedSteps = useMemo(() => stepKeysOf(base.document), [base])
  const channels = [...BUILTIN_CHANNELS, ...(doc.channels ?? [])]

  const edit = (next: JourneyDocument, tag?: string) => {
    commit(next, tag)
    setSaved(null)
  }
  const restart = (j: Journey) => {
    setBase(j)
    history.reset(j.document)
    setSelection(null)
  }

  const save = useMutation({
    mutationFn: () =>
      ok(client.PUT('/api/workspaces/{ws}/journeys/{id}', { params: { path: { ws: slug, id: journeyId } }, body: { version: base.version, document: doc } })),
    onSuccess: (answer) => {
      restart({ ...answer, document: answer.document as unknown as JourneyDocument })
      setSaved(answer.version === base.version ? 'Nothing to save: the map is as saved.' : `Saved as version ${answer.version}.`)
      void refreshJourney(queries, slug, journeyId)
    },
  })
  const reload = async () => {
    save.reset()
    await refreshJourney(queries, slug, journeyId)
    const fresh = queries.getQueryData<Answer<'/api/workspaces/{ws}/journeys/{id}'>>(['journey', slug, journeyId])
    if (fresh) restart({ ...fresh, document: fresh.document as unknown as JourneyDocument })
  }

  // Ctrl+Z / Ctrl+Shift+Z (⌘ on a Mac) undo and redo the map's edits; in a text field they stay the field's own.
  const { undo, redo } = history
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || typing(e.target)) return
      e.preventDefault()
      if (e.shiftKey) redo()
      else undo()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [undo, redo])

  // Leaving with unsaved changes asks first (in the app), or lets the browser ask (closing the tab).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && (currentLocation.pathname !== nextLocation.pathname || new URLSearchParams(nextLocation.search).get('edit') !== '1'))
  useEffect(() => {
    if (!dirty) return
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', onUnload)
    return () => window.removeEventListener('beforeunload', onUnload)
  }, [dirty])

  const stage = selection?.kind === 'stage' ? doc.stages.find((s) => s.key === selection.key) : undefined
  const found = selection?.kind === 'step' ? findStep(doc, selection.key) : undefined
  const step = found?.step
  const measured = measuredSteps(map)
  const measuredKeys = new Set(map?.touchpoints.touchpoints.map((t) => t.step) ?? [])
  const unmeasured = (key: string) =>
    !savedSteps.has(key) ? 'New: measured once saved' : !map ? (measuring ? 'Measuring…' : 'Not measured') : !measuredKeys.has(key) && measuring ? 'Measuring…' : undefined
  const customersStep = customersOf ? findStep(doc, customersOf) : undefined
  const select = (s: Selection) => {
    setSelection(s)
    setCustomersOf(undefined)
  }

  const onConfirm = () => {
    if (confirm === 'discard') restart(base)
    else if (confirm?.kind === 'stage') edit(deleteStage(doc, confirm.key))
    else if (confirm) edit(deleteStep(doc, confirm.key))
    if (confirm !== 'discard') setSelection(null)
    setConfirm(null)
  }
  const doomedStage = confirm && confirm !== 'discard' && confirm.kind === 'stage' ? doc.stages.find((s) => s.key === confirm.key) : undefined
  const toDelete = confirm && confirm !== 'discard' ? (doomedStage ?? findStep(doc, confirm.key)?.step) : undefined
  const doomedSteps = doomedStage?.steps.length ?? 0

  return (
    <div className="map-editor">
      <div className="editor-toolbar" role="toolbar" aria-label="Map editor">
        <span className="editor-status" role="status">
          Editing version {base.version} ·{' '}
          {dirty ? (
            <strong>
              {history.edits} unsaved change{history.edits === 1 ? '' : 's'}
            </strong>
          ) : (
            'no unsaved changes'
          )}
        </span>
        <span className="spacer" />
        <button type="button" className="ghost" onClick={history.undo} disabled={!history.canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
          ↶ Undo
        </button>
        <button type="button" className="ghost" onClick={history.redo} disabled={!history.canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
          ↷ Redo
        </button>
        <button
          type="button"
          className="ghost"
          onClick={() => {
            const added = addStage(doc)
            edit(added.doc)
            select({ kind: 'stage', key: added.key })
          }}
        >
          + Add stage
        </button>
        <button type="button" className="ghost" onClick={() => setConfirm('discard')} disabled={!dirty || save.isPending}>
          Discard changes
        </button>
        <button type="button" onClick={() => save.mutate()} disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save as new version'}
        </button>
        <Link to={`/w/${slug}/journeys/${journeyId}/map${search}`} className="editor-done">
          Done editing
        </Link>
      </div>
      <SaveOutcome slug={slug} journeyId={journeyId} edited={base.version} saved={saved} error={save.error} onReload={() => void reload()} />
      <LaneChooser shown={lanesOf(doc)} onChange={(lanes) => edit({ ...doc, lanes }, 'lanes')} note={<span className="field-hint">Kept with the journey when you save.</span>} />
      <div className="editor-body">
        <div className="map-scroll" tabIndex={0} aria-label="Journey map in edit mode (scrolls sideways)">
          <SortableMap
            doc={doc}
            measured={measured}
            unmeasured={unmeasured}
            lanes={lanesOf(doc)}
            selection={selection}
            customersOf={customersOf}
            onSelect={select}
            onCustomers={(key) => {
              setSelection(null)
              setCustomersOf(key)
            }}
            onChange={(next) => edit(next)}
            onAddStep={(stageKey) => {
              const added = addStep(doc, stageKey)
              edit(added.doc)
              select({ kind: 'step', key: added.key })
            }}
          />
        </div>
        <aside className="editor-side" aria-label="Selected item">
          {customersStep && savedSteps.has(customersStep.step.key) ? (
            <StepPanel step={measured(customersStep.stage, customersStep.step)} onClose={() => setCustomersOf(undefined)} />
          ) : stage ? (
            <StageForm
              stage={stage}
              onChange={(patch, field) => {
                const r = updateStage(doc, stage.key, patch, savedStages)
                edit(r.doc, `stage:${stage.key}:${field}`)
                if (r.key !== stage.key) setSelection({ kind: 'stage', key: r.key })
              }}
              onDelete={() => setConfirm({ kind: 'stage', key: stage.key })}
            />
          ) : step ? (
            <StepForm
              step={step}
              stageName={found!.stage.name}
              saved={savedSteps.has(step.key)}
              keyTaken={doc.stages.flatMap((s) => s.steps).filter((t) => t.key === step.key).length > 1}
              channels={channels}
              onChange={(patch, field) => {
                const r = updateStep(doc, step.key, patch, savedSteps)
                edit(r.doc, `step:${step.key}:${field}`)
                if (r.key !== step.key) setSelection({ kind: 'step', key: r.key })
              }}
              onDelete={() => setConfirm({ kind: 'step', key: step.key })}
              doc={doc}
              onEdit={(next) => edit(next)}
            />
          ) : (
            <div className="editor-form">
              <h2>Edit the map</h2>
              <p className="muted">Select a stage, or a step’s “Edit”, to change its details. Drag the ⠿ handles, or use the arrow buttons, to reorder; drag a point of the emotion curve up or down to set the designed emotion.</p>
              <p className="muted">The cards keep the figures measured for version {base.version}; saving re-measures the map with your changes.</p>
              <p className="muted">Nothing is saved until you press “Save as new version”; Undo and Redo (Ctrl+Z, Ctrl+Shift+Z) step through your edits.</p>
            </div>
          )}
        </aside>
      </div>
      {confirm === 'discard' && (
        <ConfirmDialog title="Discard your changes?" confirmLabel="Discard changes" danger onConfirm={onConfirm} onCancel={() => setConfirm(null)}>
          <p>
            The {history.edits} unsaved change{history.edits === 1 ? '' : 's'} will be lost; the map goes back to version {base.version}.
          </p>
        </ConfirmDialog>
      )}
      {toDelete && confirm !== 'discard' && confirm && (
        <ConfirmDialog title={`Delete ${confirm.kind} “${toDelete.name}”?`} confirmLabel={`Delete ${confirm.kind}`} danger onConfirm={onConfirm} onCancel={() => setConfirm(null)}>
          <p>
            {doomedSteps ? `Its ${doomedSteps} step${doomedSteps === 1 ? '' : 's'} go${doomedSteps === 1 ? 'es' : ''} with it. ` : ''}
            You can undo this until you save; after that, earlier versions keep it.
          </p>
        </ConfirmDialog>
      )}
      {blocker.state === 'blocked' && (
        <ConfirmDialog title="Leave without saving?" confirmLabel="Leave and lose changes" danger onConfirm={() => blocker.proceed()} onCancel={() => blocker.reset()}>
          <p>Your {history.edits} unsaved change{history.edits === 1 ? '' : 's'} to the map will be lost.</p>
        </ConfirmDialog>
      )}
    </div>
  )
}

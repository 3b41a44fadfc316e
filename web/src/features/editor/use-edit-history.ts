import { useCallback, useState } from 'react'
import type { JourneyDocument } from '../../api/journey.ts'

type History = { past: JourneyDocument[]; present: JourneyDocument; future: JourneyDocument[]; tag?: string }

/**
 * The editor's session history. Edits with the same tag in a row (typing in
 * one field) are one step of undo, not one per keystroke.
 */
export function useEditHistory(initial: JourneyDocument) {
  const [h, setH] = useState<History>({ past: [], present: initial, future: [] })
  const commit = useCallback(
    (next: JourneyDocument, tag?: string) =>
      setH((h) => {
        if (next === h.present) return h
        if (tag && tag === h.tag && h.past.length) return { ...h, present: next, future: [] }
        return { past: [...h.past, h.present], present: next, future: [], tag }
      }),
    [],
  )
  const undo = useCallback(() => setH((h) => (h.past.length ? { past: h.past.slice(0, -1), present: h.past.at(-1)!, future: [h.present, ...h.future] } : h)), [])
  const redo = useCallback(() => setH((h) => (h.future.length ? { past: [...h.past, h.present], present: h.future[0]!, future: h.future.slice(1) } : h)), [])
  const reset = useCallback((doc: JourneyDocument) => setH({ past: [], present: doc, future: [] }), [])
  return { doc: h.present, edits: h.past.length, canUndo: h.past.length > 0, canRedo: h.future.length > 0, commit, undo, redo, reset }
}

import { useParams } from 'react-router'
import { Empty, Pending } from '../../ui/states.tsx'
import { useSession } from '../shell/session.ts'
import { useJourneyAt } from '../versions/journey-queries.ts'
import { MapEditor } from './map-editor.tsx'
import './editor.css'

/** `/w/:slug/journeys/:id/edit`: the map editor, for editors and owners. */
export function EditorPage() {
  const { slug = '', journeyId = '' } = useParams()
  const { session } = useSession()
  const canEdit = session.workspaces.find((w) => w.slug === slug)?.role !== 'viewer'
  const journey = useJourneyAt(slug, journeyId)
  if (!canEdit) return <Empty title="Viewers cannot edit the map">You can read this journey&apos;s map and versions. Ask an owner to make you an editor to change it.</Empty>
  return (
    <Pending query={journey} what="Opening the journey">
      {(j) => <MapEditor key={j.id} journey={j} />}
    </Pending>
  )
}

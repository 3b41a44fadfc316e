import { useQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import { Pending } from '../../ui/states.tsx'
import { useSession } from '../shell/session.ts'
import { useJourneyAt } from '../versions/journey-queries.ts'
import { DuplicateJourney } from './duplicate-journey.tsx'
import { SettingsForm } from './settings-form.tsx'
import './settings.css'

/** The journey's settings: name, persona and job, goal step, kind and status; and a copy as a future state. */
export function JourneySettingsPage() {
  const { slug = '', journeyId = '' } = useParams()
  const { session } = useSession()
  const canEdit = session.workspaces.find((w) => w.slug === slug)?.role !== 'viewer'
  const journey = useJourneyAt(slug, journeyId)
  const personas = useQuery({ queryKey: ['personas', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/personas', { params: { path: { ws: slug } } })) })
  return (
    <Pending query={journey} what="Opening the journey">
      {(j) => (
        <div className="settings-page">
          <SettingsForm key={j.id} journey={j} personas={personas.data ?? []} canEdit={canEdit} />
          {canEdit && <DuplicateJourney journey={j} />}
        </div>
      )}
    </Pending>
  )
}

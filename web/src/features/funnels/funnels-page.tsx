import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useParams } from 'react-router'
import { client, ok, type Answer } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { Empty, ErrorState, Loading, Pending } from '../../ui/states.tsx'
import { useFilter } from '../filters/use-filter.ts'
import { FunnelBreakdown } from './funnel-breakdown.tsx'
import { FunnelControls } from './funnel-controls.tsx'
import { FunnelCustomers, type FunnelWho } from './funnel-customers.tsx'
import { FunnelDropouts } from './funnel-dropouts.tsx'
import { FunnelSteps } from './funnel-steps.tsx'
import { funnelQuery, useFunnelParams } from './use-funnel-params.ts'
import './funnels.css'

type Journey = Answer<'/api/workspaces/{ws}/journeys/{id}'>

/** Funnels: conversion through chosen steps or stages, per breakdown group, and who dropped out where and what they did instead. */
export function FunnelsPage() {
  const { slug = '', journeyId = '' } = useParams()
  const journey = useQuery({ queryKey: ['journey', slug, journeyId], queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}', { params: { path: { ws: slug, id: journeyId } } })) })
  return (
    <Pending query={journey} what="Opening the journey">
      {(j) => <Funnels journey={j} />}
    </Pending>
  )
}

function Funnels({ journey }: { journey: Journey }) {
  const { slug = '', journeyId = '' } = useParams()
  const { query } = useFilter()
  const doc = journey.document as unknown as JourneyDocument
  const params = useFunnelParams(doc)
  const [who, setWho] = useState<FunnelWho | undefined>()
  const names = new Map(params.mode === 'steps' ? doc.stages.flatMap((s) => s.steps.map((t) => [t.key, t.name] as const)) : doc.stages.map((s) => [s.key, s.name] as const))
  const nameOf = (key: string) => names.get(key) ?? key
  const asked = funnelQuery(params)
  const ready = params.items.length >= 2
  const funnel = useQuery({
    queryKey: ['funnel', slug, journeyId, query, asked],
    queryFn: () => ok(client.GET('/api/workspaces/{ws}/journeys/{id}/funnel', { params: { path: { ws: slug, id: journeyId }, query: { ...query, ...asked } as never } })),
    enabled: ready,
    placeholderData: keepPreviousData,
  })
  const change: typeof params.set = (changes) => {
    setWho(undefined)
    params.set(changes)
  }

  let results
  if (!ready)
    results = (
      <Empty title={`Pick at least two ${params.mode}`}>
        A funnel needs a first {params.mode === 'steps' ? 'step' : 'stage'} and at least one after it: add them above, in the order customers should take them.
      </Empty>
    )
  else if (funnel.error) results = <ErrorState error={funnel.error} />
  else if (!funnel.data) results = <Loading what="Following every customer through the funnel" />
  else if (funnel.data.steps[0]!.customers === 0)
    results = (
      <Empty title="Nobody entered this funnel">
        No customer did “{nameOf(params.items[0]!)}” with these filters. Widen the period or channel above, or start the funnel with another {params.mode === 'steps' ? 'step' : 'stage'}.
      </Empty>
    )
  else
    results = (
      <div
        className={funnel.isPlaceholderData ? 'funnel-results updating' : 'funnel-results'}
        data-testid="funnel-results"
        data-answered={funnel.isPlaceholderData ? '' : new URLSearchParams(Object.entries(asked).map(([k, v]) => [k, String(v)])).toString()}
      >
        {funnel.isPlaceholderData && (
          <p className="muted loading" role="status">
            Updating
          </p>
        )}
        <FunnelSteps funnel={funnel.data} nameOf={nameOf} onShow={setWho} />
        {/* While another funnel loads, the previous one stays in view; a breakdown it was not asked for is not drawn from it. */}
        {params.breakdown && (!funnel.isPlaceholderData || funnel.data.breakdown.length > 0) && <FunnelBreakdown funnel={funnel.data} breakdown={params.breakdown} nameOf={nameOf} onShow={setWho} />}
        <FunnelDropouts funnel={funnel.data} nameOf={nameOf} onShow={setWho} />
      </div>
    )
  return (
    <div className={who ? 'funnels-page with-panel' : 'funnels-page'}>
      <div className="funnels-main">
        <FunnelControls doc={doc} funnel={params} onChange={change} />
        {results}
      </div>
      {who && ready && <FunnelCustomers who={who} funnel={{ ...asked }} nameOf={nameOf} steps={params.items.length} onClose={() => setWho(undefined)} />}
    </div>
  )
}

import type { Answer } from '../../api/client.ts'

export type TrackingPlan = Answer<'/api/workspaces/{ws}/journeys/{id}/tracking-plan'>
export type OffPlanEvent = Answer<'/api/workspaces/{ws}/off-plan-events'>[number]

export type ChannelCoverage = {
  channel: string
  /** The journey's touchpoints on this channel, and how many of them received nothing. */
  touchpoints: number
  dark: number
  /** Events that map to a touchpoint of the channel. */
  mappedEvents: number
  /** Event names (and their events) arriving on the channel that map to no touchpoint. */
  unmappedNames: number
  unmappedEvents: number
  /** Events stored off a strict tracking plan on the channel. */
  offPlanEvents: number
}

const ANY = 'any channel'

/** The tracking plan's coverage per channel: what is planned there, what is dark, and what arrives outside the plan. */
export function channelCoverage(plan: TrackingPlan, offPlan: OffPlanEvent[]): ChannelCoverage[] {
  const rows = new Map<string, ChannelCoverage>()
  const row = (channel: string) => {
    let r = rows.get(channel)
    if (!r) rows.set(channel, (r = { channel, touchpoints: 0, dark: 0, mappedEvents: 0, unmappedNames: 0, unmappedEvents: 0, offPlanEvents: 0 }))
    return r
  }
  for (const t of plan.touchpoints) {
    const r = row(t.channel ?? ANY)
    r.touchpoints++
    if (t.dark) r.dark++
    r.mappedEvents += t.events
  }
  for (const u of plan.unmappedEvents) {
    const r = row(u.channel || 'unknown')
    r.unmappedNames++
    r.unmappedEvents += u.count
  }
  for (const o of offPlan) row(o.channel || 'unknown').offPlanEvents += o.events
  return [...rows.values()].sort((a, b) => (a.channel === ANY ? 1 : b.channel === ANY ? -1 : a.channel.localeCompare(b.channel)))
}

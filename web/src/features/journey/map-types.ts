import type { Answer } from '../../api/client.ts'

export type MapAnswer = Answer<'/api/workspaces/{ws}/journeys/{id}/map'>
export type Touchpoint = MapAnswer['touchpoints']['touchpoints'][number]
export type RedPoint = MapAnswer['analysis']['redPoints'][number]
/** A step as the map shows it: its design and what was measured of it (nothing yet for a step not saved). */
export type MapStep = { stage: string; key: string; name: string; channel: string | null; touchpoint: Touchpoint | undefined; red: RedPoint[]; dark: boolean }

/** A step card's width: the map scrolls sideways rather than squeezing or cutting columns off. */
export const COLUMN_PX = 168
/** The lane labels' column, left of the steps. */
export const LABEL_PX = 104

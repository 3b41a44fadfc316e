export type JourneySummary = { id: string; name: string; version: number; stages: number; steps: number }
export type Touchpoint = {
  stage: string
  step: string
  customers: number
  reach: number
  repeatRate: number
  exitRate: number
  measuredEmotion: number | null
  designedEmotion: number | null
}
export type TouchpointsReport = { customers: number; touchpoints: Touchpoint[] }
export type RedPoint = { step: string; segment: { trait: string; value: string } | null; reasons: Array<{ metric: string; value: number; baseline: number; p: number }>; customersAffected: number; valueAtRisk: number }
export type Analysis = { redPoints: RedPoint[]; blindSpots: { darkTouchpoints: Array<{ stage: string; step: string }> } }

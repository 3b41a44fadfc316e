import { useQuery } from '@tanstack/react-query'
import { client, ok, type Answer } from '../../api/client.ts'

export type Experiment = Answer<'/api/workspaces/{ws}/experiments/{id}'>
export type ExperimentAnalysis = Answer<'/api/workspaces/{ws}/experiments/{id}/analysis'>

export const useExperiments = (slug: string) =>
  useQuery({ queryKey: ['experiments', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/experiments', { params: { path: { ws: slug } } })) })

export const VERDICT_LABEL: Record<ExperimentAnalysis['verdict']['kind'], string> = {
  collecting: 'Collecting data',
  srm: 'Sample ratio mismatch',
  keep_running: 'Keep running',
  winner: 'Winner',
  loser: 'Worse than control',
  no_difference: 'No difference',
  guardrail_breached: 'Guardrail harmed',
}

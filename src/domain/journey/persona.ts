/** A job-to-be-done ("When …, I want to …, so I can …") with its desired, measurable outcomes. */
export type PersonaJob = { statement: string; outcomes: string[] }

/** Adds a job to a persona's list, merging outcomes when the statement is already there. */
export function mergeJob(jobs: PersonaJob[], job: PersonaJob): PersonaJob[] {
  const existing = jobs.find((j) => j.statement === job.statement)
  if (!existing) return [...jobs, job]
  const outcomes = [...new Set([...existing.outcomes, ...job.outcomes])]
  return jobs.map((j) => (j === existing ? { ...j, outcomes } : j))
}

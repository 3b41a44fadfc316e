/** How one path (a variant) relates to the journey as designed. */
export type PathFit = 'designed' | 'left early' | 'deviates'

/**
 * A path follows the *designed path* when its steps come in the journey's
 * designed order (stage by stage, step by step), none repeated and none
 * revisited — steps may be skipped, since not every touchpoint is for everyone —
 * and it ends at the journey's goal (its last step when it names none). The same
 * order without reaching the goal is "left early"; anything else (a repeat, a
 * move back, a step the journey does not design) "deviates".
 */
export function pathFit(path: string[], designedOrder: string[], goal: string | undefined): PathFit {
  const positions = path.map((step) => designedOrder.indexOf(step))
  const inOrder = positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))
  if (!inOrder) return 'deviates'
  return path.at(-1) === (goal ?? designedOrder.at(-1)) ? 'designed' : 'left early'
}

/** What each fit is called in the table and its legend (a symbol and words: never colour alone). */
export const FIT_LABEL: Record<PathFit, { mark: string; text: string; legend: string }> = {
  designed: { mark: '★', text: 'Designed path', legend: 'every step in the designed order, none repeated or revisited (steps may be skipped), reaching the goal' },
  'left early': { mark: '◐', text: 'In order, left early', legend: 'in the designed order but stopped before the goal' },
  deviates: { mark: '↺', text: 'Deviates', legend: 'repeats a step, goes back to an earlier one, or takes an undesigned step' },
}

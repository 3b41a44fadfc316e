/** A job-to-be-done in its three parts: "When {when}, I want to {want}, so I can {soThat}". */
export type JobParts = { when: string; want: string; soThat: string }

// "I want to" and "so I can" are the canon; imported journeys also say "I want X" or "so that I can X".
const FORM = /^\s*when\s+(.+?),\s*I want(?:\s+to)?\s+(.+?),\s*so(?:\s+that)?\s+I can\s+(.+?)\.?\s*$/i

/** The parts of a statement written in the canonical form, else null. */
export function parseJob(statement: string): JobParts | null {
  const m = FORM.exec(statement)
  return m ? { when: m[1]!, want: m[2]!, soThat: m[3]! } : null
}

export function composeJob({ when, want, soThat }: JobParts): string {
  return `When ${when.trim()}, I want to ${want.trim()}, so I can ${soThat.trim()}`
}

/** The statement cut at its connectors ("When", "I want to", "so I can"), in its own wording, to stress them; one plain piece otherwise. */
export function jobSegments(statement: string): Array<{ text: string; connector: boolean }> {
  const m = /^(\s*when)(\s+.+?,\s*)(I want(?:\s+to)?)(\s+.+?,\s*)(so(?:\s+that)?\s+I can)(\s+.+?)$/i.exec(statement)
  if (!m) return [{ text: statement, connector: false }]
  return m.slice(1).map((text, i) => ({ text, connector: i % 2 === 0 }))
}

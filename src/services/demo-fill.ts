import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.ts'
import type { IngestWriter } from '../ingest/ingest-writer.ts'
import type { Repositories } from '../storage/metadata/repositories.ts'
import { createDemo, type DemoResult } from './demo.ts'

/** The demo a first start fills in the background: which workspace, how many customers, which seed. */
export type DemoFill = { workspace: string; customers: number; seed: number }

export const DEMO_SEED = 42
const MARKER = 'demo-fill.json'

/**
 * Whether a first start on these stores creates the demo owner and fills the demo workspace: always with
 * DEMO=on, never with DEMO=off, and with `auto` only on embedded metadata — a server pointed at an empty
 * production PostgreSQL creates nobody (`waymark user create` does) and never 20,000 fake customers.
 */
export const demoWanted = (config: Config) => config.demo.when === 'on' || (config.demo.when === 'auto' && !config.databaseUrl)

/**
 * The demo fill survives an interrupted start: a marker file in DATA_DIR is written before the owner and the
 * workspace are created and removed only once every event is stored, and a start that finds it finishes the
 * fill. The generator is seeded and its message ids derive from the seed, so a resumed fill stores nothing
 * twice (the writer drops ids already stored).
 */
export function demoFillMarker(dataDir: string) {
  const file = path.join(dataDir, MARKER)
  return {
    file,
    begin(fill: DemoFill): void {
      fs.mkdirSync(dataDir, { recursive: true })
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(fill))
      fs.renameSync(`${file}.tmp`, file)
    },
    pending(): DemoFill | undefined {
      try {
        const fill = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DemoFill>
        if (typeof fill.workspace === 'string' && Number.isInteger(fill.customers) && Number.isInteger(fill.seed)) return fill as DemoFill
      } catch {
        // no marker (or a torn one from before the rename existed): nothing to resume
      }
      return undefined
    },
    done(): void {
      fs.rmSync(file, { force: true })
    },
  }
}

/** Fills (or finishes filling) the demo workspace, then clears the marker. */
export async function runDemoFill(deps: { repos: Repositories; ingest: IngestWriter }, dataDir: string, fill: DemoFill): Promise<DemoResult> {
  const result = await createDemo(deps, fill)
  demoFillMarker(dataDir).done()
  return result
}

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { openRuntime } from '../../src/runtime.ts'
import { createUserInWorkspace } from '../../src/services/accounts.ts'
import { createApp } from '../../src/server/app.ts'
import { runCli } from '../support/cli.ts'
import { tempDir } from '../support/temp-dir.ts'

const LOGS = new URL('../../../shared/data/eventlogs/', import.meta.url).pathname
const tmp = tempDir()
afterAll(() => tmp.cleanup())

describe('waymark import events', () => {
  const dataDir = path.join(tmp.dir, 'data')

  it('imports helpdesk.csv and helpdesk.xes.gz to the same events, with counts in stats', async () => {
    for (const [ws, file] of [['csv', 'helpdesk.csv'], ['xes', 'helpdesk.xes.gz']]) {
      const created = await runCli(['user', 'create', '--email', `${ws}@example.com`, '--password', 'password-1', '--workspace', ws!], { DATA_DIR: dataDir })
      expect(created.code).toBe(0)
      const r = await runCli(['import', 'events', path.join(LOGS, file!), '--workspace', ws!, '--json'], { DATA_DIR: dataDir })
      expect(r.stderr).toBe('')
      expect(JSON.parse(r.stdout)).toMatchObject({ imported: 21_348, quarantined: 0, skipped: 0, customers: 4_580 })
      const stats = JSON.parse((await runCli(['stats', '--workspace', ws!, '--json'], { DATA_DIR: dataDir })).stdout)
      expect(stats).toMatchObject({ events: 21_348, customers: 4_580, quarantined: 0 })
    }

    const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
    try {
      const rows = await rt.events.query<{ slug: string; n: string; fingerprint: string; ordered: string }>(
        `SELECT workspace_id AS slug, count() AS n,
                sum(cityHash64(customer_id, event, toUnixTimestamp64Milli(ts), properties['resource'])) AS fingerprint,
                sum(cityHash64(customer_id, arrayStringConcat(seqs, '>'))) AS ordered
         FROM (
           SELECT workspace_id, customer_id, event, ts, properties,
                  arrayMap(x -> x.2, arraySort(x -> x.1, groupArray((tuple(ts, seq), event)) OVER (PARTITION BY workspace_id, customer_id))) AS seqs
           FROM events
         )
         GROUP BY workspace_id`,
      )
      expect(rows).toHaveLength(2)
      expect(rows[0]!.n).toBe(rows[1]!.n)
      expect(rows[0]!.fingerprint).toBe(rows[1]!.fingerprint) // same (case, activity, time, resource) multiset
      expect(rows[0]!.ordered).toBe(rows[1]!.ordered) // and the same order within every case
    } finally {
      await rt.close()
    }
  }, 120_000)

  it('re-importing the same file stores nothing twice and says so; bad lines are quarantined with their line number', async () => {
    const again = await runCli(['import', 'events', path.join(LOGS, 'helpdesk.csv'), '--workspace', 'csv', '--json'], { DATA_DIR: dataDir })
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 21_348, skipped: 21_348 })
    expect(JSON.parse((await runCli(['stats', '--workspace', 'csv', '--json'], { DATA_DIR: dataDir })).stdout).events).toBe(21_348)

    const bad = path.join(tmp.dir, 'tickets.csv')
    fs.writeFileSync(bad, 'ticket,what,when,score,score_kind\nT1,opened,2024-01-01 10:00:00,,\nT1,rated,2024-01-01 11:00,11,nps\nT2,opened,yesterday,,\nT2,closed,2024-01-02T10:00:00+02:00,,\n')
    const r = await runCli(['import', 'events', bad, '--workspace', 'csv', '--case', 'ticket', '--activity', 'what', '--timestamp', 'when'], { DATA_DIR: dataDir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Imported 2 events of 2 customers into "csv"/)
    expect(r.stdout).toMatch(/quarantined: +2/)
    expect(r.stdout).toMatch(/line 3: score 11 is outside the nps scale/)
    expect(r.stdout).toMatch(/line 4: .*yesterday/)
    const missing = await runCli(['import', 'events', path.join(tmp.dir, 'nope.csv'), '--workspace', 'csv'], { DATA_DIR: dataDir })
    expect(missing.stderr).toMatch(/^waymark: Cannot read .*nope.csv \(ENOENT\)\n$/)
  }, 60_000)
})

describe('POST /api/workspaces/:ws/imports', () => {
  it('streams an uploaded file through the same import, deriving constant columns as traits', async () => {
    const dir = tempDir()
    const rt = await openRuntime(loadConfig({ DATA_DIR: dir.dir, LOG_LEVEL: 'silent' }))
    const app = await createApp(rt)
    try {
      const { workspace } = await createUserInWorkspace(rt.repos, { email: 'o@example.com', password: 'password-1', workspace: 'permits' })
      const { secret } = await rt.repos.apiKeys.create({ workspaceId: workspace.id, kind: 'import', name: 'etl' })
      const res = await app.inject({
        method: 'POST',
        url: '/api/workspaces/permits/imports?format=csv',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/csv' },
        payload: fs.createReadStream(path.join(LOGS, 'receipt.csv')),
      })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ imported: 8_577, customers: 1_434, quarantined: 0 })
      expect(res.json().customersWithTraits).toBe(1_434)
      const [row] = await rt.events.query<{ channels: string }>(
        "SELECT uniqExact(channel) AS channels FROM events WHERE workspace_id = {ws:String} AND channel != 'other'",
        { ws: workspace.id },
      )
      expect(Number(row!.channels)).toBeGreaterThan(1)
    } finally {
      await app.close()
      await rt.close()
      dir.cleanup()
    }
  }, 60_000)
})

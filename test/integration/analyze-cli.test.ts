import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { demoCustomers } from '../../src/demo/generate-demo.ts'
import { runCli } from '../support/cli.ts'
import { tempDir } from '../support/temp-dir.ts'

const DATA = new URL('../../../shared/data/', import.meta.url).pathname
const JOURNEY = new URL('../../src/demo/broadband-journey.json', import.meta.url).pathname
const tmp = tempDir()
afterAll(() => tmp.cleanup())

describe('waymark analyze', () => {
  it('process-mining mode: the JSON contract, with a flow equal to PM4Py', async () => {
    const out = path.join(tmp.dir, 'helpdesk.json')
    const r = await runCli(['analyze', '--events', `${DATA}eventlogs/helpdesk.csv`, '--format', 'json', '--out', out], {})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const a = JSON.parse(fs.readFileSync(out, 'utf8'))
    expect(Object.keys(a)).toEqual(['summary', 'touchpoints', 'flow', 'variants', 'conformance', 'blindSpots', 'redPoints', 'drivers'])
    expect(a.summary).toMatchObject({ events: 21_348, customers: 4_580 })
    const peer = JSON.parse(fs.readFileSync(`${DATA}peer/helpdesk/dfg.json`, 'utf8'))
    const key = (d: [string, string, number]) => `${d[0]}>${d[1]}=${d[2]}`
    expect(a.flow.dfg.map(key).sort()).toEqual(peer.dfg.map(key).sort())
    expect(a.flow.start).toEqual(peer.start_activities)
    expect(a.variants[0]).toEqual({ path: ['Assign seriousness', 'Take in charge ticket', 'Resolve ticket', 'Closed'], customers: 2366 })
    expect(a.touchpoints[0]).toEqual(
      expect.objectContaining({ stage: 'events', step: expect.any(String), events: expect.any(Number), reach: expect.any(Number), repeatRate: expect.any(Number), exitRate: expect.any(Number), feedback: null }),
    )
  }, 60_000)

  it('journey mode on a JSONL export: a readable report naming the red points and blind spots', async () => {
    const file = path.join(tmp.dir, 'demo.jsonl')
    const lines: string[] = []
    for (const messages of demoCustomers(3000, 5)) {
      for (const m of messages as Array<Record<string, unknown>>) {
        if (m.type === 'identify') continue
        const props = (m.properties ?? {}) as Record<string, unknown>
        const event = m.type === 'page' ? 'page_viewed' : String(m.event)
        const feedback = event === 'Survey Answered'
        lines.push(
          JSON.stringify({
            case_id: String(m.userId ?? m.anonymousId).replace(/^anon-5-/, 'cust-').replace(/^cust-(\d+)$/, (_x, d: string) => `cust-${d.padStart(6, '0')}`),
            activity: event,
            timestamp: m.timestamp,
            channel: (m.context as { channel?: string } | undefined)?.channel ?? (m.type === 'page' ? 'web' : 'other'),
            ...(feedback ? { score: props.score, score_kind: props.kind, touchpoint: props.touchpoint } : {}),
            ...Object.fromEntries(Object.entries(props).filter(([k]) => !['score', 'kind', 'touchpoint', 'comment'].includes(k))),
          }),
        )
      }
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`)
    const r = await runCli(['analyze', '--events', file, '--journey', JOURNEY], {})
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^Journey "Home broadband: from search to first bill"\n/)
    expect(r.stdout).toMatch(/Red points \(ranked by value at risk\)\n─+\n {2}compare_plans \(discover\)/)
    expect(r.stdout).toMatch(/dark touchpoints: welcome_call/)
    expect(r.stdout).toMatch(/unmapped events: +newsletter_opened/)
    expect(r.stdout).toMatch(/technician_visit \(install, value tier high only\).*\n.*feedback/) // a segment red point says whose
  }, 60_000)

  it('fails with one clear line on a bad journey or a missing file', async () => {
    const bad = path.join(tmp.dir, 'bad.json')
    fs.writeFileSync(bad, JSON.stringify({ format: 'waymark.journey/v1', name: 'x', stages: [{ key: 'a', name: 'A', steps: [{ key: 's', name: 'S', channel: 'fax' }] }] }))
    const r = await runCli(['analyze', '--events', `${DATA}eventlogs/helpdesk.csv`, '--journey', bad], {})
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^waymark: The journey has 1 problem\(s\): stages\[0\]\.steps\[0\]\.channel: unknown channel "fax"/)
    const missing = await runCli(['analyze', '--events', path.join(tmp.dir, 'nope.csv')], {})
    expect(missing.stderr).toMatch(/^waymark: Cannot read .*nope\.csv \(ENOENT\)\n$/)
  }, 60_000)
})

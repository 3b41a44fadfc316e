import type { Repositories } from '../storage/metadata/repositories.ts'
import type { CheckDeps } from './alerts.ts'
import { runChecks } from './checks.ts'

export type Scheduler = { stop(): Promise<void>; /** Runs a pass now (after the one under way, if any). */ nudge(): void }
type Log = { error(obj: unknown, msg: string): void }

/**
 * The server's schedule: every `intervalMs`, one pass of runChecks over every
 * workspace. Passes never overlap (a tick while one runs is skipped); an error
 * is logged, never thrown, and the next tick runs as usual. stop() waits for a
 * pass under way to finish.
 */
export function startScheduler(deps: CheckDeps & { repos: Repositories }, opts: { intervalMs?: number; log: Log }): Scheduler {
  let running: Promise<void> | undefined
  let again = false
  let stopped = false
  const pass = async () => {
    for (const ws of await deps.repos.workspaces.listAll()) {
      if (stopped) return
      await runChecks(deps, ws.id).catch((err) => opts.log.error({ err, workspace: ws.slug }, 'scheduled checks failed'))
    }
  }
  const tick = () => {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = pass()
      .catch((err) => opts.log.error({ err }, 'scheduled checks failed'))
      .finally(() => {
        running = undefined
        if (again && !stopped) {
          again = false
          tick()
        }
      })
  }
  const timer = setInterval(tick, opts.intervalMs ?? 15_000)
  timer.unref()
  setImmediate(tick)
  return {
    nudge: tick,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}

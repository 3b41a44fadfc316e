import type { FastifyInstance } from 'fastify'
import type { Repositories } from '../storage/metadata/repositories.ts'

const EVERY_MS = 3600_000

/** Expired sessions (past their absolute end or idle too long) are deleted when the server starts and every hour. */
export const purgeExpiredSessions = {
  run: (repos: Repositories, now = new Date()) => repos.sessions.deleteExpired(now),
  schedule(app: FastifyInstance, repos: Repositories) {
    let timer: NodeJS.Timeout | undefined
    const purge = () => purgeExpiredSessions.run(repos).catch((err: Error) => app.log.error({ err }, 'purging expired sessions failed'))
    app.addHook('onReady', async () => {
      await purge()
      timer = setInterval(() => void purge(), EVERY_MS).unref()
    })
    app.addHook('onClose', async () => clearInterval(timer))
  },
}

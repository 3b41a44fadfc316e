import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { createBackup } from '../../services/backup/create-backup.ts'
import { workspaceOf, type accessGuards } from '../access.ts'
import type { AppDeps } from '../deps.ts'
import { wsParams } from '../schemas.ts'

/**
 * The workspace's backup from a running server (the embedded stores are held by it, so `waymark backup`
 * cannot open them meanwhile): the same archive, for owners.
 */
export const backupRoutes =
  (deps: AppDeps, guards: ReturnType<typeof accessGuards>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/workspaces/:ws/backup',
      {
        preHandler: guards.workspace('manage'),
        schema: {
          tags: ['workspaces'],
          summary: 'Download a backup of the workspace (owners): the archive `waymark backup` writes, restored with `waymark restore`',
          params: wsParams,
          produces: ['application/x-tar'],
          response: { 200: z.any().describe('A tar archive: manifest.json, metadata.json and events/*.jsonl.gz') },
        },
      },
      async (req, reply) => {
        const ws = workspaceOf(req)
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-download-'))
        const file = path.join(dir, 'backup.tar')
        try {
          await createBackup(deps, ws, file)
        } catch (err) {
          fs.rmSync(dir, { recursive: true, force: true })
          throw err
        }
        const stream = fs.createReadStream(file)
        stream.once('close', () => fs.rmSync(dir, { recursive: true, force: true }))
        return reply
          .type('application/x-tar')
          .header('content-disposition', `attachment; filename="${ws.slug}-${new Date().toISOString().slice(0, 10)}.waymark-backup.tar"`)
          .header('content-length', fs.statSync(file).size)
          .send(stream)
      },
    )
  }

import openapiTS, { astToString } from 'openapi-typescript'
import { loadConfig } from '../config.ts'
import { openRuntime } from '../runtime.ts'
import { createApp } from './app.ts'

/**
 * The web client's types, generated from the OpenAPI document the server
 * serves (so the UI is typed by the same schemas that validate responses).
 * Built on a throwaway app in a temporary data directory.
 */
export async function apiTypes(dataDir: string): Promise<string> {
  const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
  const app = await createApp(rt)
  try {
    await app.ready()
    const doc = app.swagger() as Parameters<typeof openapiTS>[0]
    const header = '// Generated from the OpenAPI document by `npm run api:types`; a test checks it is up to date. Do not edit.\n'
    return header + astToString(await openapiTS(doc, { alphabetize: true }))
  } finally {
    await app.close()
    await rt.close()
  }
}

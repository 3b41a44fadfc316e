import fs from 'node:fs'
import { expect, it } from 'vitest'
import { apiTypes } from '../../src/server/api-types.ts'
import { tempDir } from '../support/temp-dir.ts'

it('the web client is typed from the OpenAPI document the server serves (run `npm run api:types` after changing a schema)', async () => {
  const tmp = tempDir()
  try {
    const committed = fs.readFileSync(new URL('../../web/src/api/schema.d.ts', import.meta.url), 'utf8')
    expect(await apiTypes(tmp.dir)).toBe(committed)
  } finally {
    tmp.cleanup()
  }
}, 60_000)

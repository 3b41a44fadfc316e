// Regenerates web/src/api/schema.d.ts from the served OpenAPI document (a test checks it is up to date).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { apiTypes } from '../src/server/api-types.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-api-types-'))
try {
  fs.writeFileSync(new URL('../web/src/api/schema.d.ts', import.meta.url), await apiTypes(dir))
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}

#!/usr/bin/env node
// Runs the build (dist/, from `npm run build`) when there is one, else the TypeScript sources through tsx's loader.
import fs from 'node:fs'
import { URL } from 'node:url'

const built = new URL('../dist/cli/main.js', import.meta.url)
if (fs.existsSync(built)) {
  await import(built.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}

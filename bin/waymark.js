#!/usr/bin/env node
// Runs the build (dist/, from `npm run build`) when there is one and no source is newer than it (in a checkout, an
// old build would silently run old code), else the TypeScript sources through tsx's loader.
import fs from 'node:fs'
import { fileURLToPath, URL } from 'node:url'

const built = new URL('../dist/cli/main.js', import.meta.url)
const sources = fileURLToPath(new URL('../src', import.meta.url))

function newestSource(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = `${dir}/${entry.name}`
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : fs.statSync(file).mtimeMs)
  }
  return newest
}

const stale = fs.existsSync(built) && fs.existsSync(sources) && newestSource(sources) > fs.statSync(built).mtimeMs
if (stale) process.stderr.write('waymark: dist/ is older than src/, running the sources (npm run build to use a build)\n')
if (fs.existsSync(built) && !stale) {
  await import(built.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}

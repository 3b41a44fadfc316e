import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The nearest directory above this file with a package.json: the package's root, from src/ (tsx) or from a build (dist/). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`)
  }
}

const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)))

/**
 * A path inside the package. Files that are not code (migrations, the demo
 * journey, the web UI's build) are found from the root, never next to the
 * running file: the build does not copy them.
 */
export const packagePath = (...parts: string[]) => path.join(ROOT, ...parts)

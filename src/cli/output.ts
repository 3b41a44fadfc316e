import { ConfigError } from '../config.ts'
import { AppError } from '../domain/errors.ts'

/** Turns any failure into one readable line on stderr and a non-zero exit code; stack traces only with DEBUG set. */
export function fail(err: unknown): never {
  const known = err instanceof AppError || err instanceof ConfigError
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err)
  process.stderr.write(`waymark: ${known ? '' : 'unexpected error: '}${message}\n`)
  // Validation failures list every problem, one per line, after the summary.
  if (err instanceof AppError && err.errors && err.errors.length > 5) {
    for (const e of err.errors) process.stderr.write(`  ${e.path ? `${e.path}: ` : ''}${e.message}\n`)
  }
  if (process.env.DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`)
  process.exit(err instanceof ConfigError ? 78 : 1)
}

export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

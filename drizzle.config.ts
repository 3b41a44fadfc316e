import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/storage/metadata/schema.ts',
  out: './src/storage/metadata/migrations',
})

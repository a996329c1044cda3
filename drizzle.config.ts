import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes plain SQL migrations from src/db/schema.ts.
// Hand-written migrations (triggers, grants) are made with `npx drizzle-kit generate --custom`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
});

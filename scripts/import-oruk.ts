// `npm run import:oruk -- <feed URL> [--per-page N]`: imports the services of another Open
// Referral UK 3.0 feed into the configured database (the PGlite data directory, or DATABASE_URL),
// showing progress, then prints what was created, updated and rejected (with the reason and field).
// Safe to run again: the same source service updates the same Linkwell service.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../src/config';
import { syncTaxonomies } from '../src/directory/sync-taxonomies';
import { openConfiguredDatabaseOrExit } from '../src/main';
import {
  importOrukFeed,
  type ImportProgress,
  type ImportSummary,
} from '../src/adapters/open-referral/import-feed';

function usage(): never {
  console.error(
    'Usage: npm run import:oruk -- <feed URL, e.g. https://example.org/openreferral> [--per-page 100]',
  );
  process.exit(2);
}

/** One line redrawn in place on a terminal; plain lines every 50 records when piped to a file. */
function progressPrinter(): (progress: ImportProgress) => void {
  const isTty = process.stdout.isTTY;
  return ({ done, total }) => {
    if (isTty) {
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      process.stdout.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} services`,
      );
    } else if (done % 50 === 0 || done === total) {
      console.log(`${done}/${total} services`);
    }
  };
}

function printSummary(summary: ImportSummary): void {
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(`Created ${summary.created}, updated ${summary.updated}, rejected ${summary.rejected.length}.`);
  for (const rejected of summary.rejected) {
    console.log(`  rejected ${rejected.id}${rejected.name ? ` (${rejected.name})` : ''}: ${rejected.reason}`);
  }
  for (const { id, terms } of summary.unmappedTerms) {
    console.log(`  ${id}: taxonomy terms with no Linkwell equivalent, left off: ${terms.join(', ')}`);
  }
  for (const { id, note } of summary.notes) console.log(`  ${id}: ${note}`);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'per-page': { type: 'string' } },
  });
  const feedUrl = positionals[0];
  if (!feedUrl || !/^https?:\/\//.test(feedUrl)) usage();
  const perPage = values['per-page'] ? Number(values['per-page']) : 100;
  if (!Number.isInteger(perPage) || perPage < 1) usage();

  const config = loadConfigOrExit();
  const handle = await openConfiguredDatabaseOrExit(config);
  try {
    // Terms are matched against our shared taxonomies, so the database must have them.
    await handle.migrate();
    await syncTaxonomies(handle.db);
    console.log(`Importing services from ${feedUrl}…`);
    const summary = await importOrukFeed({ db: handle.db, feedUrl, perPage, onProgress: progressPrinter() });
    printSummary(summary);
    process.exitCode = summary.rejected.length > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}

await main();

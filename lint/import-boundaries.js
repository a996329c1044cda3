// What each folder may import: the one table (docs/ARCHITECTURE.md mirrors its "may import"
// column) and the ESLint rule that enforces it, so a reverse import fails `npm run lint` and with it
// `npm test`. Adapters call the domain, never the reverse; the domain reaches connected systems
// through seams (e.g. src/referrals/event-subscribers.ts) wired at start-up in src/app.ts.
//
// How it reads: every checked file belongs to the row whose `path` is the longest prefix of its
// path (a folder ends with "/"); an import of a file in the same row is always allowed; otherwise
// the imported file must lie under one of the row's `mayImport` paths or `everyoneMayImport`, or,
// for an `import type`, match one of its `mayImportTypes` patterns. Tests (*.test.ts anywhere) may
// import everything. Only relative imports (and the aliases below) are checked: packages are not.
import path from 'node:path';

/**
 * @typedef {{ path: string; mayImport: string[]; mayImportTypes?: string[] }} Row
 * @typedef {{ from: string; to: string; why: string }} Exception
 */

const everything = ['*'];

/** Closed sets (roles, statuses, contact modes…) that the server and the web app share. */
export const everyoneMayImport = ['src/vocabulary/'];

/** @type {Row[]} */
export const importTable = [
  { path: 'src/main.ts', mayImport: everything },
  {
    path: 'src/app.ts',
    // The composition root: route modules, and the subscribers it wires to domain seams.
    mayImport: [
      'src/http/',
      'src/access/',
      'src/accounts/',
      'src/organisations/',
      'src/programmes/',
      'src/people/',
      'src/notify/',
      'src/geo/',
      'src/directory/',
      'src/referrals/',
      'src/outcomes/',
      'src/webhooks/',
      'src/insight/',
      'src/adapters/',
    ],
  },
  { path: 'src/config.ts', mayImport: [] },
  { path: 'src/vocabulary/', mayImport: [] },
  { path: 'src/db/', mayImport: [] },
  { path: 'src/jobs/', mayImport: [] },
  {
    path: 'src/http/',
    // The request context carries the configuration and the message sender (types only in practice).
    mayImport: ['src/db/', 'src/access/', 'src/accounts/', 'src/config.ts', 'src/notify/sender.ts'],
  },
  { path: 'src/access/', mayImport: ['src/db/', 'src/http/errors.ts', 'src/http/context.ts'] },
  { path: 'src/accounts/', mayImport: ['src/db/', 'src/access/', 'src/http/', 'src/notify/', 'src/jobs/'] },
  { path: 'src/organisations/', mayImport: ['src/db/', 'src/access/', 'src/http/'] },
  { path: 'src/programmes/', mayImport: ['src/db/', 'src/access/', 'src/http/'] },
  {
    path: 'src/people/',
    // geo: a person's area (LSOA, borough, IMD decile) is derived from the postcode when it is written.
    mayImport: ['src/db/', 'src/access/', 'src/http/', 'src/geo/'],
  },
  { path: 'src/notify/', mayImport: ['src/db/', 'src/access/', 'src/http/', 'src/config.ts', 'src/jobs/'] },
  { path: 'src/geo/', mayImport: ['src/db/', 'src/http/'] },
  {
    path: 'src/directory/',
    mayImport: [
      'src/db/',
      'src/access/',
      'src/http/',
      'src/geo/',
      'src/notify/',
      'src/jobs/',
      'src/programmes/settings.ts',
    ],
  },
  {
    path: 'src/insight/',
    // Dashboards read the facts the database keeps (migration 0021) and the directory's tables;
    // suppression is the outcomes report's (one set of small-number rules everywhere).
    mayImport: [
      'src/db/',
      'src/access/',
      'src/http/',
      'src/geo/',
      'src/outcomes/statistics.ts',
      'src/programmes/settings.ts',
    ],
  },
  {
    path: 'src/referrals/',
    mayImport: [
      'src/db/',
      'src/access/',
      'src/http/',
      'src/geo/',
      'src/notify/',
      'src/jobs/',
      'src/people/',
      'src/programmes/settings.ts',
    ],
  },
  {
    path: 'src/outcomes/',
    // Outcomes builds on referrals (a measure belongs to a referral's timeline), never the reverse.
    mayImport: [
      'src/db/',
      'src/access/',
      'src/http/',
      'src/notify/',
      'src/referrals/',
      'src/programmes/settings.ts',
      'assets/standards/',
    ],
  },
  { path: 'src/webhooks/', mayImport: ['src/db/', 'src/access/', 'src/http/', 'src/notify/', 'src/jobs/'] },
  {
    path: 'src/adapters/fhir/',
    mayImport: [
      'src/db/',
      'src/access/',
      'src/http/',
      'src/config.ts',
      'src/geo/',
      'src/directory/',
      'src/referrals/',
      'src/outcomes/',
      'src/webhooks/',
    ],
  },
  {
    path: 'src/adapters/open-referral/',
    mayImport: ['src/db/', 'src/access/', 'src/directory/', 'src/geo/', 'src/http/'],
  },
  {
    path: 'src/demo/',
    // The seed plays 18 months of the closed loop through the domain's own rules and state machines.
    mayImport: [
      'src/db/',
      'src/access/',
      'src/accounts/',
      'src/people/',
      'src/programmes/',
      'src/geo/',
      'src/directory/',
      'src/referrals/',
      'src/outcomes/',
    ],
  },
  {
    path: 'web/',
    // The browser bundle takes nothing from the server at run time; response types come from the
    // zod schemas, erased at build.
    mayImport: [],
    mayImportTypes: ['src/**/schemas.ts'],
  },
  { path: 'assets/', mayImport: [] },
  { path: 'test/', mayImport: everything },
  { path: 'bench/', mayImport: everything },
  { path: 'scripts/', mayImport: everything },
];

/**
 * Imports that break the table today, each with the work that removes it. Keep this list short and
 * shrinking: a new entry needs a reason a reviewer accepts.
 * @type {Exception[]}
 */
export const knownExceptions = [
  // The web app still loads these server modules at run time; each belongs in src/vocabulary/ (the
  // shared closed sets) or in a response, after which its entry goes.
  {
    from: 'web/',
    to: 'src/outcomes/sroi.ts',
    why: 'types only: the report types belong in evaluation/schemas.ts',
  },
];

/** Import aliases that point into the repository (none today; Vite's @nhsuk-images is an asset). */
export const aliases = /** @type {Record<string, string>} */ ({});

const codeExtension = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
const testFile = /\.test\.(ts|tsx)$/;

/** @param {string} file a path relative to the repository, with "/" separators */
function normalise(file) {
  return file.replace(codeExtension, '');
}

/**
 * Whether `target` (normalised, relative) lies under the table path `entry`.
 * @param {string} target
 * @param {string} entry
 */
export function isUnder(target, entry) {
  if (entry === '*') return true;
  if (entry.endsWith('/')) return `${target}/`.startsWith(entry);
  return target === normalise(entry) || target === normalise(entry).replace(/\/index$/, '');
}

/**
 * `src/**\/schemas.ts`-style patterns: ** is any folders, * anything but a slash.
 * @param {string} target
 * @param {string} pattern
 */
function matchesPattern(target, pattern) {
  const source = normalise(pattern)
    .split(/(\*\*\/|\*)/)
    .map((part) =>
      part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`).test(target);
}

/**
 * The row a repository-relative file belongs to: the longest matching path.
 * @param {string} file
 * @returns {Row | undefined}
 */
export function rowOf(file, table = importTable) {
  const target = normalise(file);
  /** @type {Row | undefined} */
  let best;
  for (const row of table) {
    if (row.path === '*') continue;
    if (isUnder(target, row.path) && (!best || row.path.length > best.path.length)) best = row;
  }
  return best;
}

/**
 * Why `from` may not import `to` (both repository-relative), or undefined when it may.
 * @param {{ from: string; to: string; typeOnly: boolean; table?: Row[]; exceptions?: Exception[] }} input
 */
export function whyRefused({ from, to, typeOnly, table = importTable, exceptions = knownExceptions }) {
  if (testFile.test(from)) return undefined;
  const fromRow = rowOf(from, table);
  if (!fromRow) return undefined; // reported once per file by the rule, not once per import
  const target = normalise(to);
  if (fromRow.mayImport.includes('*')) return undefined;
  if (everyoneMayImport.some((entry) => isUnder(target, entry))) return undefined;
  const toRow = rowOf(to, table);
  if (toRow === fromRow) return undefined;
  if (fromRow.mayImport.some((entry) => isUnder(target, entry))) return undefined;
  if (typeOnly && (fromRow.mayImportTypes ?? []).some((pattern) => matchesPattern(target, pattern)))
    return undefined;
  if (
    exceptions.some((exception) => isUnder(normalise(from), exception.from) && isUnder(target, exception.to))
  )
    return undefined;
  const allowed = [
    ...fromRow.mayImport,
    ...everyoneMayImport,
    ...(fromRow.mayImportTypes ?? []).map((p) => `${p} (types)`),
  ];
  return `${fromRow.path} may import only ${allowed.join(', ') || 'nothing'}`;
}

const repositoryRoot = path.dirname(import.meta.dirname);

/**
 * @param {string} file
 * @param {string} root
 */
function relative(file, root) {
  return path.relative(root, file).split(path.sep).join('/');
}

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only what lint/import-boundaries.js allows' },
    schema: [],
    messages: {
      refused:
        '{{from}} may not import {{to}}: {{why}} (the table is lint/import-boundaries.js; adapters call the domain, never the reverse).',
      unmapped:
        '{{file}} is in no row of the import table: add its folder to lint/import-boundaries.js and docs/ARCHITECTURE.md.',
    },
  },
  create(context) {
    const root = repositoryRoot;
    const from = relative(context.filename, root);
    if (from.startsWith('..')) return {};

    /** @param {import('estree').Node} node @param {unknown} source @param {boolean} typeOnly */
    function check(node, source, typeOnly) {
      if (typeof source !== 'string') return;
      const alias = Object.keys(aliases).find((name) => source === name || source.startsWith(`${name}/`));
      let to;
      if (alias) to = aliases[alias] + source.slice(alias.length);
      else if (source.startsWith('.'))
        to = relative(path.resolve(path.dirname(context.filename), source), root);
      else return; // a package
      const why = whyRefused({ from, to, typeOnly });
      if (why) context.report({ node, messageId: 'refused', data: { from, to, why } });
    }

    return {
      Program(node) {
        if (!testFile.test(from) && !rowOf(from))
          context.report({ node, messageId: 'unmapped', data: { file: from } });
      },
      ImportDeclaration(node) {
        // `import { type A }` still loads the module at run time (verbatimModuleSyntax); only
        // `import type` is erased.
        check(node, node.source.value, /** @type {any} */ (node).importKind === 'type');
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, /** @type {any} */ (node).exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, /** @type {any} */ (node).exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value, false);
      },
    };
  },
};

/** The flat-config block eslint.config.js uses: every checked folder, one rule. */
export const importBoundariesConfig = {
  files: ['src/**/*.{ts,tsx}', 'web/**/*.{ts,tsx}'],
  plugins: { linkwell: { rules: { 'import-boundaries': importBoundariesRule } } },
  rules: { 'linkwell/import-boundaries': 'error' },
};

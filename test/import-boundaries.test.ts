// The import table (lint/import-boundaries.js) is enforced by lint; these tests prove the rule
// refuses what the table forbids (fixtures of the reverse imports it was written to stop), that
// eslint.config.js turns it on for the server and the web app, and that the tree obeys it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { importBoundariesConfig, isUnder, knownExceptions } from '../lint/import-boundaries.js';

const root = path.resolve(import.meta.dirname, '..');
const config: Linter.Config[] = [
  { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
  importBoundariesConfig,
];

function refusals(file: string, code: string): string[] {
  const linter = new Linter({ cwd: root });
  const messages = linter.verify(code, config, { filename: path.join(root, file) });
  for (const message of messages) expect(message.ruleId, message.message).toBe('linkwell/import-boundaries');
  return messages.map((message) => message.message);
}

describe('import boundaries: the rule', () => {
  it('refuses the domain importing an adapter or webhooks (they subscribe to referral events instead)', () => {
    expect(
      refusals(
        'src/referrals/store.ts',
        "import { recordTaskChange } from '../adapters/fhir/referrals/task-changes';",
      ),
    ).toEqual([expect.stringContaining('src/referrals/ may import only src/db/')]);
    expect(
      refusals(
        'src/referrals/store.ts',
        "import { queueProviderWebhooks } from '../webhooks/provider-events';",
      ),
    ).toHaveLength(1);
    expect(
      refusals(
        'src/adapters/fhir/referrals/task-changes.ts',
        "import '../../../referrals/event-subscribers';",
      ),
    ).toEqual([]);
  });

  it('refuses the directory importing the Open Referral adapter, and lets the adapter import the directory', () => {
    expect(
      refusals(
        'src/directory/csv/routes.ts',
        "import { presentService } from '../../adapters/open-referral/present';",
      ),
    ).toHaveLength(1);
    expect(
      refusals(
        'src/adapters/open-referral/routes.ts',
        "import { loadServiceGraphs } from '../../directory/service-graph';",
      ),
    ).toEqual([]);
  });

  it('lets outcomes build on referrals and refuses the reverse (no cycle)', () => {
    expect(
      refusals('src/outcomes/measures/routes.ts', "import { lockReferral } from '../../referrals/store';"),
    ).toEqual([]);
    expect(
      refusals(
        'src/referrals/casework/act-on-referral.ts',
        "import { x } from '../../outcomes/measures/due-measures';",
      ),
    ).toHaveLength(1);
  });

  it('checks re-exports and dynamic imports as well as imports', () => {
    expect(refusals('src/db/client.ts', "export { AppError } from '../http/errors';")).toHaveLength(1);
    expect(refusals('src/db/client.ts', "export * from '../http/errors';")).toHaveLength(1);
    expect(refusals('src/db/client.ts', "const store = await import('../referrals/store');")).toHaveLength(1);
  });

  it('allows sub-paths the table names, and nothing beside them', () => {
    expect(
      refusals('src/referrals/store.ts', "import { readProgrammeSettings } from '../programmes/settings';"),
    ).toEqual([]);
    expect(
      refusals('src/referrals/store.ts', "import { programmeRoutes } from '../programmes/routes';"),
    ).toHaveLength(1);
    expect(refusals('src/access/policy.ts', "import { AppError } from '../http/errors';")).toEqual([]);
    expect(
      refusals('src/access/policy.ts', "import { installAuthentication } from '../http/authenticate';"),
    ).toHaveLength(1);
  });

  it('lets every folder and the web app import the shared vocabulary, which imports nothing', () => {
    expect(refusals('src/db/schema.ts', "import { contactModes } from '../vocabulary/contact';")).toEqual([]);
    expect(
      refusals('web/src/api/casework.ts', "import { contactModes } from '../../../src/vocabulary/contact';"),
    ).toEqual([]);
    expect(refusals('src/vocabulary/contact.ts', "import { people } from '../db/schema';")).toHaveLength(1);
  });

  it('lets the web app take only erased types from schemas.ts files', () => {
    const schemas = '../../../src/referrals/casework/schemas';
    expect(refusals('web/src/api/casework.ts', `import type { Referral } from '${schemas}';`)).toEqual([]);
    // `import { type X }` still loads the module at run time under verbatimModuleSyntax.
    expect(refusals('web/src/api/casework.ts', `import { type Referral } from '${schemas}';`)).toHaveLength(
      1,
    );
    expect(refusals('web/src/api/casework.ts', `import { caseworkActions } from '${schemas}';`)).toHaveLength(
      1,
    );
    expect(
      refusals('web/src/api/casework.ts', "import type { X } from '../../../src/referrals/store';"),
    ).toHaveLength(1);
  });

  it('keeps test code out of the app, but lets tests beside the code import anything', () => {
    expect(
      refusals('src/demo/seed.ts', "import { startTestApp } from '../../test/support/app';"),
    ).toHaveLength(1);
    expect(
      refusals('src/demo/seed.int.test.ts', "import { startTestApp } from '../../test/support/app';"),
    ).toEqual([]);
  });

  it('names a file in a folder the table does not know', () => {
    expect(refusals('src/reporting/dashboard.ts', "import { x } from './queries';")).toEqual([
      expect.stringContaining('src/reporting/dashboard.ts is in no row of the import table'),
    ]);
  });

  it('ignores packages', () => {
    expect(refusals('src/referrals/store.ts', "import { sql } from 'drizzle-orm';")).toEqual([]);
  });
});

describe('import boundaries: the project', () => {
  it('turns the rule on for the server and the web app in eslint.config.js', async () => {
    const eslint = new ESLint({ cwd: root });
    for (const file of ['src/referrals/store.ts', 'src/adapters/fhir/routes.ts', 'web/src/main.tsx']) {
      const calculated = (await eslint.calculateConfigForFile(path.join(root, file))) as Linter.Config;
      expect(calculated.rules?.['linkwell/import-boundaries'], file).toEqual([2]);
    }
  });

  it('obeys the table today, and every listed exception is still needed', async () => {
    // Lint without the exceptions, then check each refusal is a listed exception and each exception
    // still refuses something: an exception that nothing needs any more must leave the table.
    const listed = knownExceptions.splice(0);
    try {
      const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });
      const results = await eslint.lintFiles(['src/**/*.{ts,tsx}', 'web/src/**/*.{ts,tsx}']);
      const refused = results.flatMap((result) =>
        result.messages
          .filter((message) => message.ruleId === 'linkwell/import-boundaries')
          .map((message) => {
            const [, from = '', to = ''] = /^(\S+) may not import (\S+):/.exec(message.message) ?? [];
            return { from, to, message: message.message };
          }),
      );
      const excused = (exception: (typeof listed)[number], refusal: { from: string; to: string }) =>
        isUnder(refusal.from.replace(/\.tsx?$/, ''), exception.from) && isUnder(refusal.to, exception.to);
      expect(refused.filter((refusal) => !listed.some((exception) => excused(exception, refusal)))).toEqual(
        [],
      );
      const unused = listed.filter((exception) => !refused.some((refusal) => excused(exception, refusal)));
      expect(unused, 'no longer needed: remove from knownExceptions in lint/import-boundaries.js').toEqual(
        [],
      );
    } finally {
      knownExceptions.push(...listed);
    }
  }, 60_000);
});

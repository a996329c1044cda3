// CSV import and export of the directory (the Open Referral UK JSON export is the ORUK adapter's:
// src/adapters/open-referral/directory-export-routes.ts). Import is for curators (coordinators,
// within their programme's area) and platform admins.
import { z } from 'zod';
import type { AppInstance, RouteModule } from '../../http/context';
import { authoriseUser } from '../../access/authorise-as';
import { authorise } from '../../access/policy';
import { exportServicesCsv } from './export-services';
import { importServicesCsv } from './import-services';

const maxCsvBytes = 5 * 1024 * 1024;

export const directoryCsvRoutes: RouteModule = (app, { db }) => {
  // The text/csv body parser is registered in its own scope so it applies to the import route only.
  void app.register((scope: AppInstance, _options, done) => {
    scope.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: maxCsvBytes },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/directory/import/csv',
      {
        bodyLimit: maxCsvBytes,
        schema: {
          tags: ['directory'],
          summary:
            'Import services from the CSV template (docs/directory-csv-template.md). Every problem is listed with row and field; if any row fails nothing is imported.',
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
          body: z.string({ message: 'Send the CSV file as text/csv' }),
          response: {
            200: z.object({
              dryRun: z.boolean(),
              created: z.number(),
              updated: z.number(),
              organisationsCreated: z.number(),
              warnings: z.array(z.object({ row: z.number(), field: z.string(), detail: z.string() })),
            }),
          },
        },
      },
      async (request) => {
        const actor = authoriseUser(request.actor, 'create', { kind: 'directory_curation', part: 'import' });
        const dryRun = request.query.dryRun === 'true';
        return importServicesCsv({ db, actor, origin: request.origin, text: request.body, dryRun });
      },
    );
    done();
  });

  app.get(
    '/api/directory/export.csv',
    {
      schema: {
        tags: ['directory'],
        summary: 'The directory in the CSV template’s columns (imports back unchanged)',
      },
    },
    async (request, reply) => {
      authorise(request.actor, 'read', { kind: 'directory_curation', part: 'export' });
      const csv = await exportServicesCsv(db);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="linkwell-directory.csv"')
        .send(csv);
    },
  );
};

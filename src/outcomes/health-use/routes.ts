// Health-service use (docs/DESIGN.md §2 and §7): GP appointments and A&E attendances over 3 and 6 months before and
// after referral, entered for one referral or imported for the programme from CSV. Observational:
// every answer carries the caveat. Thin handlers over save-health-use.ts and import-health-use.ts.
import { z } from 'zod';
import type { AppInstance, RouteModule } from '../../http/context';
import { idParams } from '../../http/schemas';
import { authoriseStaff } from '../../access/authorise-as';
import { importHealthUseCsv } from './import-health-use';
import { readHealthUse, saveHealthUse } from './save-health-use';
import { healthUseResponse, importResponse, saveHealthUseBody } from './schemas';

const tags = ['outcomes'];
const maxCsvBytes = 2 * 1024 * 1024;

export const healthUseRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/referrals/:id/health-use',
    {
      schema: {
        tags,
        summary:
          'GP appointments and A&E attendances before and after the referral, with the observational caveat',
        params: idParams,
        querystring: z.object({ reason: z.string().trim().max(500).optional() }),
        response: { 200: healthUseResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'read', { kind: 'health_use' });
      return db.transaction((tx) =>
        readHealthUse(tx, {
          actor,
          origin: request.origin,
          referralId: request.params.id,
          accessReason: request.query.reason,
        }),
      );
    },
  );

  app.put(
    '/api/referrals/:id/health-use',
    {
      schema: {
        tags,
        summary:
          'Enter or correct counts per window (before|after × 3|6 months). An "after" window can be entered once it has ended; version required once counts exist.',
        params: idParams,
        body: saveHealthUseBody,
        response: { 200: healthUseResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'update', { kind: 'health_use' });
      return db.transaction((tx) =>
        saveHealthUse(tx, { ...request.body, actor, origin: request.origin, referralId: request.params.id }),
      );
    },
  );

  // The text/csv body parser is registered in its own scope so it applies to the import route only.
  void app.register((scope: AppInstance, _options, done) => {
    scope.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: maxCsvBytes },
      (_request, body, parsed) => parsed(null, body),
    );
    scope.post(
      '/api/programmes/:id/health-use/import',
      {
        bodyLimit: maxCsvBytes,
        schema: {
          tags,
          summary:
            'Import counts from CSV (text/csv) with columns referral_reference, period (before|after), window_months (3|6), gp_appointments, ae_attendances. Every problem is listed with row and column; if any row fails nothing is written.',
          params: idParams,
          body: z.string({ message: 'Send the CSV file as text/csv' }),
          response: { 200: importResponse },
        },
      },
      async (request) =>
        db.transaction((tx) =>
          importHealthUseCsv(tx, {
            actor: request.actor,
            origin: request.origin,
            programmeId: request.params.id,
            text: request.body,
          }),
        ),
    );
    done();
  });
};

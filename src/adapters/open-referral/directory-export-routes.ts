// The directory as Open Referral UK JSON, beside the CSV export (src/directory/csv): the directory
// lists the services and reads their graphs, this adapter presents them in ORUK's format, so the
// directory never imports an adapter. Same readers as the CSV export: any signed-in user.
import type { RouteModule } from '../../http/context';
import { authorise } from '../../access/policy';
import { listServiceIdsForExport } from '../../directory/csv/export-services';
import { loadServiceGraphs } from '../../directory/service-graph';
import { presentPage, presentService } from './present';

export const directoryJsonExportRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/directory/export.json',
    {
      schema: {
        tags: ['directory'],
        summary: 'The directory as Open Referral UK services (one page with every service)',
      },
    },
    async (request, reply) => {
      authorise(request.actor, 'read', { kind: 'directory_curation', part: 'export' });
      const ids = await listServiceIdsForExport(db);
      const contents = [];
      for (let index = 0; index < ids.length; index += 500) {
        for (const graph of await loadServiceGraphs(db, ids.slice(index, index + 500)))
          contents.push(presentService(graph));
      }
      return reply
        .header('content-disposition', 'attachment; filename="linkwell-directory.json"')
        .send(presentPage(contents, contents.length, 1, Math.max(contents.length, 1)));
    },
  );
};

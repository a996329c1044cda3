// Liveness (the process answers) and readiness (the database answers), for load balancers.
import { z } from 'zod';
import type { RouteModule } from './context';
import { AppError } from './errors';

const healthSchema = z.object({
  status: z.enum(['ok']),
  checks: z.record(z.string(), z.string()).optional(),
});

export const healthRoutes: RouteModule = (app, deps) => {
  app.get('/health/live', { schema: { tags: ['health'], response: { 200: healthSchema } } }, () => ({
    status: 'ok' as const,
  }));

  app.get('/health/ready', { schema: { tags: ['health'], response: { 200: healthSchema } } }, async () => {
    try {
      await deps.ping();
    } catch {
      throw new AppError('unavailable', 'The database is not answering.');
    }
    return { status: 'ok' as const, checks: { database: 'ok' } };
  });
};

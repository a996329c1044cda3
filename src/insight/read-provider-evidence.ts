// Reading a provider's evidence (GET /api/insight/provider): the policy lets provider staff in
// (kind 'insight', part 'provider'), their organisation is the scope, the programmes are those that
// have referred to its services (a programmeId outside them is 404), and every figure is suppressed.
import type { Actor } from '../access/actor';
import { authoriseUser } from '../access/authorise-as';
import { listScope } from '../access/list-scope';
import type { Executor } from '../db/client';
import { AppError, notFound } from '../http/errors';
import { resolveInsightPeriod } from './filters';
import { buildProviderEvidence, findReferringProgrammes } from './panels/provider-evidence';
import type { InsightPanelResponse, InsightQuery } from './schemas';
import { presentPanelFigures } from './suppress';

export async function readProviderEvidence(
  db: Executor,
  options: { actor: Actor; query: InsightQuery; now: Date },
): Promise<InsightPanelResponse> {
  const person = authoriseUser(options.actor, 'read', { kind: 'insight', part: 'provider' });
  const scope = listScope(person, 'insight');
  if (scope === 'none' || scope === 'all' || !('organisationId' in scope))
    throw new AppError('forbidden', 'Only provider staff see the evidence of their organisation’s services.');
  const { query } = options;
  const period = resolveInsightPeriod(query, options.now);
  const referring = await findReferringProgrammes(db, scope.organisationId);
  const programmes =
    query.programmeId === undefined
      ? referring
      : referring.filter((programme) => programme.id === query.programmeId);
  if (query.programmeId !== undefined && programmes.length === 0) throw notFound('The programme');
  const borough = query.borough ?? null;
  const source = query.source ?? null;
  const raw =
    programmes.length === 0
      ? {
          title: 'Your services’ evidence',
          headlines: [],
          tables: [],
          notes: ['No programme has referred to your services yet.'],
        }
      : await buildProviderEvidence(
          db,
          { ...period, programmeIds: programmes.map((programme) => programme.id), borough, source },
          scope.organisationId,
        );
  return {
    panel: 'provider',
    title: raw.title,
    filters: { from: period.from, to: period.to, programmeId: query.programmeId ?? null, borough, source },
    programmes: programmes.map(({ id, name }) => ({ id, name })),
    isSuppressed: true,
    ...presentPanelFigures(raw, true),
    notes: raw.notes,
    generatedAt: options.now.toISOString(),
  };
}

// What a commissioner's organisation commissions: its borough (programmes whose areas include it)
// and the programmes a platform admin listed for it in programme_commissioners. Loaded here, once,
// for every rule that asks (Insight dashboards, evaluation reports), so they answer alike.
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { organisations, programmeCommissioners } from '../db/schema';
import type { CommissionerReach } from './work-rules';

export async function loadCommissionerReach(
  db: Executor,
  organisationId: string,
): Promise<CommissionerReach> {
  const [organisation] = await db
    .select({ borough: organisations.borough })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const listed = await db
    .select({ programmeId: programmeCommissioners.programmeId })
    .from(programmeCommissioners)
    .where(eq(programmeCommissioners.organisationId, organisationId));
  return { borough: organisation?.borough ?? null, programmeIds: listed.map((row) => row.programmeId) };
}

// Entering a referral's health-service use by hand (the link worker on the caseload, or a
// coordinator) and reading it back. Counts are checked against the rules in rules.ts; the whole
// set carries one version so two people editing the same referral do not overwrite each other.
import { eq } from 'drizzle-orm';
import type { RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { referrals } from '../../db/schema';
import { AppError, invalidField, notFound, type FieldError } from '../../http/errors';
import { versionConflict } from '../../http/schemas';
import { referralResource } from '../../referrals/access';
import type { StaffActor } from '../../referrals/casework/staff';
import { lockReferral } from '../../referrals/store';
import { presentHealthUse } from './present';
import { checkCounts, type HealthUseCounts } from './rules';
import { rowsOfReferral, setVersionOf, upsertCounts } from './store';

type Common = { actor: StaffActor; origin: RequestOrigin; referralId: string };

function fieldError(field: string, detail: string): FieldError {
  return { field, pointer: `#/${field.split('.').join('/')}`, in: 'body', detail };
}

function checkEntries(entries: readonly HealthUseCounts[], receivedAt: Date, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const slot = `${entry.period}|${entry.windowMonths}`;
    if (seen.has(slot))
      errors.push(
        fieldError(
          `entries.${index}`,
          `The ${entry.windowMonths} months ${entry.period} referral are entered twice; enter each window once.`,
        ),
      );
    seen.add(slot);
    for (const problem of checkCounts(entry, receivedAt, now))
      errors.push(fieldError(`entries.${index}.${problem.field}`, problem.detail));
  });
  return errors;
}

export async function saveHealthUse(
  tx: Executor,
  input: Common & {
    entries: HealthUseCounts[];
    source: 'link_worker' | 'practice';
    version?: number | undefined;
    now?: Date;
  },
) {
  const now = input.now ?? new Date();
  const referral = await lockReferral(tx, input.referralId);
  const basis = authorise(input.actor, 'update', referralResource(referral));
  const errors = checkEntries(input.entries, referral.receivedAt, now);
  if (errors.length > 0) throw new AppError('validation_failed', errors[0]!.detail, { errors });
  const existing = await rowsOfReferral(tx, referral.id);
  const currentVersion = setVersionOf(existing);
  if (existing.length > 0 && input.version === undefined)
    throw invalidField('version', 'Send the version of the counts you are changing.');
  if (input.version !== undefined && input.version !== currentVersion)
    throw versionConflict('record of health-service use', currentVersion);
  await upsertCounts(tx, {
    referral,
    entries: input.entries,
    source: input.source,
    recordedByUserId: input.actor.userId,
    now,
  });
  await recordAudit(tx, {
    actor: input.actor,
    origin: input.origin,
    action: 'health_use.save',
    entityType: 'referral',
    entityId: referral.id,
    programmeId: referral.programmeId,
    details: {
      basis,
      personId: referral.personId,
      source: input.source,
      windows: input.entries.map((entry) => `${entry.period}_${entry.windowMonths}m`),
    },
  });
  return presentHealthUse(referral, await rowsOfReferral(tx, referral.id));
}

export async function readHealthUse(tx: Executor, input: Common & { accessReason?: string | undefined }) {
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, input.referralId));
  if (!referral) throw notFound('The referral');
  const basis = authorise(input.actor, 'read', referralResource(referral), {
    accessReason: input.accessReason,
  });
  const rows = await rowsOfReferral(tx, referral.id);
  await recordAudit(tx, {
    actor: input.actor,
    origin: input.origin,
    action: 'health_use.read',
    entityType: 'referral',
    entityId: referral.id,
    programmeId: referral.programmeId,
    details: { basis, personId: referral.personId, reason: input.accessReason ?? null },
  });
  return presentHealthUse(referral, rows);
}

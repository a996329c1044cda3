// Casework is for signed-in programme staff. Referrers follow their referrals through the "sent"
// view and providers through their inbox; neither reaches these endpoints.
import type { Actor, UserActor } from '../../access/actor';
import { AppError } from '../../http/errors';

export type StaffActor = UserActor & { programmeId: string };

export function requireProgrammeStaff(actor: Actor): StaffActor {
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in to continue.');
  if (actor.type !== 'user' || !actor.programmeId)
    throw new AppError('forbidden', 'Only programme staff can work on referrals.');
  return actor as StaffActor;
}

export const isCoordinator = (actor: StaffActor) => actor.role === 'coordinator';

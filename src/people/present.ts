import type { z } from 'zod';
import type { people } from '../db/schema';
import type { Actor } from '../access/actor';
import { abilitiesFor } from '../access/policy';
import type { personResponse } from './schemas';

type PersonRow = typeof people.$inferSelect;

export function presentPerson(row: PersonRow, actor: Actor): z.infer<typeof personResponse> {
  return {
    id: row.id,
    programmeId: row.programmeId,
    givenName: row.givenName,
    familyName: row.familyName,
    dateOfBirth: row.dateOfBirth,
    nhsNumber: row.nhsNumber,
    email: row.email,
    phone: row.phone,
    preferredChannel: row.preferredChannel,
    addressLine: row.addressLine,
    postcode: row.postcode,
    language: row.language,
    needsInterpreter: row.needsInterpreter,
    assignedLinkWorkerId: row.assignedLinkWorkerId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesFor(
      actor,
      {
        kind: 'person',
        id: row.id,
        programmeId: row.programmeId,
        assignedLinkWorkerId: row.assignedLinkWorkerId,
      },
      ['read', 'update'],
    ),
  };
}

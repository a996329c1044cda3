import type { z } from 'zod';
import type { people } from '../db/schema';
import type { Actor } from '../access/actor';
import { abilitiesFor } from '../access/policy';
import type { PersonAreaDetails } from '../geo';
import type { personResponse } from './schemas';

type PersonRow = typeof people.$inferSelect;

/** `area` comes from describePersonArea (a query), so callers load it in their transaction. */
export function presentPerson(
  row: PersonRow,
  actor: Actor,
  area: PersonAreaDetails | null,
): z.infer<typeof personResponse> {
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
    sex: row.sex,
    genderIdentitySame: row.genderIdentitySame,
    genderIdentity: row.genderIdentity,
    ethnicity: row.ethnicity,
    disability: row.disability,
    carer: row.carer,
    area,
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

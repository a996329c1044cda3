// Roles and organisation types are declared in the shared vocabulary (src/vocabulary/access.ts) and
// re-exported here so the server's imports keep working; the second-factor rule is policy, so it stays.
import { rolesRequiringTotp } from '../vocabulary/access';

export {
  organisationRoles,
  organisationTypes,
  programmeRoles,
  roles,
  rolesRequiringTotp,
  type OrganisationType,
  type Role,
} from '../vocabulary/access';

/** Whether accounts of this role must use a second factor (so it cannot be turned off). */
export function mustUseSecondFactor(role: string): boolean {
  return (rolesRequiringTotp as readonly string[]).includes(role);
}

// The roles a user can hold, and the kinds of organisation. Closed sets shared by API schemas,
// the policy engine and the web app.
export const roles = [
  'platform_admin',
  'coordinator',
  'link_worker',
  'buddy',
  'referrer',
  'provider_staff',
  'commissioner',
] as const;
export type Role = (typeof roles)[number];

/** Roles that work inside one programme and must belong to it. */
export const programmeRoles: readonly Role[] = ['coordinator', 'link_worker', 'buddy'];
/** Roles that act for an organisation and must belong to one. */
export const organisationRoles: readonly Role[] = ['referrer', 'provider_staff', 'commissioner'];

export const organisationTypes = [
  'gp_practice',
  'hospital_trust',
  'council',
  'vcse',
  'advice_agency',
  'cvs',
  'housing_association',
  'icb',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

/** Roles whose accounts must use a second factor. */
export const rolesRequiringTotp: readonly Role[] = ['platform_admin'];

/** Whether accounts of this role must use a second factor (so it cannot be turned off). */
export function mustUseSecondFactor(role: string): boolean {
  return (rolesRequiringTotp as readonly string[]).includes(role);
}

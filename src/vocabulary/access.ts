// The roles a user can hold, and the kinds of organisation: closed sets shared by the API schemas,
// the policy engine, the web app and the database's CHECK constraints (migration 0019). Imports nothing.
export const roles = [
  'platform_admin',
  'coordinator',
  'link_worker',
  'buddy',
  'referrer',
  'provider_staff',
  'commissioner',
  // Sees every programme's aggregates (a pan-London view for NHS England London or the GLA); never a person.
  'regional_commissioner',
] as const;
export type Role = (typeof roles)[number];

/** Roles that work inside one programme and must belong to it. */
export const programmeRoles: readonly Role[] = ['coordinator', 'link_worker', 'buddy'];
/** Roles that act for an organisation and must belong to one. */
export const organisationRoles: readonly Role[] = [
  'referrer',
  'provider_staff',
  'commissioner',
  'regional_commissioner',
];

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

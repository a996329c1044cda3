// The shapes the server's JSON API answers with. The closed sets (roles, organisation types) come
// from the shared vocabulary (src/vocabulary) so the two cannot drift apart.
import type { OrganisationType, Role } from '../../../src/vocabulary/access';

export {
  organisationRoles,
  organisationTypes,
  programmeRoles,
  roles,
  rolesRequiringTotp,
} from '../../../src/vocabulary/access';
export type { OrganisationType, Role };

export type SignInStatus = 'signed_in' | 'totp_required' | 'totp_enrolment_required';

export type SessionUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  programmeId: string | null;
  programmeName?: string | null;
  organisationId: string | null;
  organisationName?: string | null;
  hasTotp: boolean;
};

/** What the signed-in user may do, decided by the server's policy engine. */
export type Abilities = {
  canAdministerPlatform?: boolean;
  canManageUsers?: boolean;
  canReadAuditLog?: boolean;
  canManageApiClients?: boolean;
  canManageOrganisations?: boolean;
  canManageProgrammes?: boolean;
  canReadDevMailbox?: boolean;
  [ability: string]: boolean | undefined;
};

export type SessionInfo = {
  status: SignInStatus;
  csrfToken: string;
  expiresAt: string;
  user: SessionUser;
  abilities: Abilities;
};

export type SignInResponse = { status: SignInStatus; csrfToken: string };

export type Page<T> = { items: T[]; total: number };

export type Organisation = {
  id: string;
  name: string;
  type: OrganisationType;
  odsCode: string | null;
  borough: string | null;
  createdAt?: string;
  updatedAt?: string;
  version: number;
};

export type Programme = {
  id: string;
  name: string;
  slug: string;
  description: string;
  hostOrganisationId: string;
  hostOrganisationName?: string | null;
  areas: string[];
  postcodeDistricts: string[];
  referringOrganisationIds: string[];
  createdAt?: string;
  updatedAt?: string;
  version: number;
};

export type AdminUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  programmeId: string | null;
  programmeName?: string | null;
  organisationId: string | null;
  organisationName?: string | null;
  hasTotp?: boolean;
  isDisabled?: boolean;
  isLocked?: boolean;
  lockedUntil?: string | null;
  lastLoginAt?: string | null;
  createdAt?: string;
  version: number;
};

export type ApiClient = {
  id: string;
  organisationId: string;
  organisationName?: string | null;
  name: string;
  keyPrefix: string;
  scopes?: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Key ids of the public keys registered for OAuth2 signed assertions. */
  jwksKeyIds: string[];
};

export type AuditEvent = {
  id: number | string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorRole: string | null;
  actorName?: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  programmeId: string | null;
  requestId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
};

export type AuditPage = { items: AuditEvent[]; nextCursor: string | null };

export type DevNotification = {
  id: string;
  channel: string;
  recipient: string;
  template: string;
  subject: string;
  body: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
};

export type Account = SessionUser & { lastLoginAt?: string | null };

export type TotpSetup = { secret: string; otpauthUrl: string; qrSvg: string };

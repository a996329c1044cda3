// One typed function per server endpoint the web app uses. Paths and shapes follow
// src/accounts/*-routes.ts and src/access/audit-routes.ts.
import { api, type QueryValue } from './client';
import type {
  Account,
  AdminUser,
  ApiClient,
  AuditPage,
  DevNotification,
  Organisation,
  OrganisationType,
  Page,
  Programme,
  Role,
  SessionInfo,
  SignInResponse,
  TotpSetup,
} from './types';

const quiet = { isUnauthenticatedExpected: true };

export const auth = {
  session: () => api.get<SessionInfo>('/api/session', quiet),
  signIn: (email: string, password: string) =>
    api.post<SignInResponse>('/api/auth/login', { email, password }, quiet),
  submitTotp: (code: string) => api.post<SignInResponse>('/api/auth/totp', { code }, quiet),
  signOut: () => api.post<void>('/api/auth/logout', {}, quiet),
  signOutEverywhere: () => api.post<{ ended: number }>('/api/auth/logout-everywhere'),
  requestPasswordReset: (email: string) => api.post<void>('/api/auth/password-reset', { email }, quiet),
  completePasswordReset: (token: string, password: string) =>
    api.post<unknown>('/api/auth/password-reset/complete', { token, password }, quiet),
};

export const account = {
  get: () => api.get<Account>('/api/account'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<unknown>('/api/account/password', { currentPassword, newPassword }),
  setUpTotp: () => api.post<TotpSetup>('/api/account/totp/setup'),
  confirmTotp: (code: string) =>
    api.post<{ status: string; csrfToken?: string }>('/api/account/totp/confirm', { code }),
  disableTotp: (password: string) => api.post<unknown>('/api/account/totp/disable', { password }),
};

export type OrganisationInput = {
  name: string;
  type: OrganisationType | '';
  odsCode?: string | null;
  borough?: string | null;
};
export type ProgrammeInput = {
  name: string;
  slug: string;
  description: string;
  hostOrganisationId: string;
  areas: string[];
  postcodeDistricts: string[];
  referringOrganisationIds: string[];
};
export type UserInput = {
  email: string;
  name: string;
  role: Role | '';
  programmeId?: string | null;
  organisationId?: string | null;
};
export type UserChanges = { name?: string; role?: Role; isDisabled?: boolean; version: number };

export const admin = {
  listOrganisations: (query: { q?: string; type?: string; limit?: number; offset?: number } = {}) =>
    api.get<Page<Organisation>>('/api/admin/organisations', { query }),
  getOrganisation: (id: string) =>
    api.get<Organisation>(`/api/admin/organisations/${encodeURIComponent(id)}`),
  createOrganisation: (input: OrganisationInput) => api.post<Organisation>('/api/admin/organisations', input),
  updateOrganisation: (id: string, input: OrganisationInput & { version: number }) =>
    api.patch<Organisation>(`/api/admin/organisations/${encodeURIComponent(id)}`, input),

  listProgrammes: (query: { q?: string; limit?: number; offset?: number } = {}) =>
    api.get<Page<Programme>>('/api/admin/programmes', { query }),
  getProgramme: (id: string) => api.get<Programme>(`/api/admin/programmes/${encodeURIComponent(id)}`),
  createProgramme: (input: ProgrammeInput) => api.post<Programme>('/api/admin/programmes', input),
  updateProgramme: (id: string, input: Partial<ProgrammeInput> & { version: number }) =>
    api.patch<Programme>(`/api/admin/programmes/${encodeURIComponent(id)}`, input),

  listUsers: (
    query: { q?: string; role?: string; programmeId?: string; limit?: number; offset?: number } = {},
  ) => api.get<Page<AdminUser>>('/api/admin/users', { query }),
  getUser: (id: string) => api.get<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`),
  createUser: (input: UserInput) => api.post<AdminUser>('/api/admin/users', input),
  updateUser: (id: string, changes: UserChanges) =>
    api.patch<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`, changes),
  unlockUser: (id: string) => api.post<unknown>(`/api/admin/users/${encodeURIComponent(id)}/unlock`),
  resetUserTotp: (id: string) => api.post<unknown>(`/api/admin/users/${encodeURIComponent(id)}/reset-totp`),

  listApiClients: () => api.get<{ items: ApiClient[] }>('/api/admin/api-clients'),
  createApiClient: (input: { organisationId: string; name: string }) =>
    api.post<{ client: ApiClient; key: string }>('/api/admin/api-clients', input),
  replaceApiClientKeys: (id: string, jwks: unknown) =>
    api.put<ApiClient>(`/api/admin/api-clients/${encodeURIComponent(id)}/jwks`, jwks),
  revokeApiClient: (id: string) =>
    api.post<unknown>(`/api/admin/api-clients/${encodeURIComponent(id)}/revoke`),

  listAuditEvents: (query: Record<string, QueryValue>) =>
    api.get<AuditPage>('/api/admin/audit-events', { query }),
};

export const devMail = {
  list: () => api.get<{ items: DevNotification[] }>('/api/dev/notifications'),
  status: () => api.get<{ open: boolean }>('/api/dev/mailbox'),
};

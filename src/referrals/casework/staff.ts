// The actor of casework: a signed-in member of a programme. Who may do which casework is decided by
// the policy engine (src/access/policy.ts: 'caseload', 'measures', 'referral'…); authoriseStaff
// narrows the actor to this type after the check.
export type { StaffActor } from '../../access/authorise-as';

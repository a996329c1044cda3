// Referral pages for referrers, citizens (self-referral, no account) and providers (inbox).
// Listed inside <Routes> in app.tsx.

export const referralRoutes = <></>;

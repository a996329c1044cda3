// Casework pages for link workers and coordinators: queue, caseload, the referral record, plan, tasks.
// Listed inside <Routes> in app.tsx.

export const caseworkRoutes = <></>;

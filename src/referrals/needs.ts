// The need domains live in the shared vocabulary (src/vocabulary/needs.ts), read by the web app
// and the database's CHECK constraints too; re-exported here so the referral code keeps its import.
export * from '../vocabulary/needs';

// The shared taxonomies live in the shared vocabulary (src/vocabulary/taxonomy.ts), which the web
// app reads too; re-exported here for the directory's sync and the demo seed.
export * from '../vocabulary/taxonomy';

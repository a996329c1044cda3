// The real server, as `npm start` runs it but without building the web app first: the bench
// spawns this as a child process so that load and server do not share one event loop.
import { main } from '../src/main';

await main();

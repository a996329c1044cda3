// `npm start`: builds the web app the first time (or when web/dist is missing), then starts the server.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { webDistDir } from '../src/app';
import { main } from '../src/main';

if (!existsSync(webDistDir)) {
  console.log('Building the web app (first start only)…');
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
}
await main();

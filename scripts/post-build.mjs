// Trunk's post-build hook: the steps that must run in this order on the staged bundle.
//   1. scripts/csp.mjs        inline scripts become files; the policy goes in a <meta>
//   2. scripts/sw-precache.mjs the service worker lists every file (the new ones included)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

for (const step of ['csp.mjs', 'sw-precache.mjs']) {
  execFileSync(process.execPath, [fileURLToPath(new URL(step, import.meta.url))], { stdio: 'inherit' });
}

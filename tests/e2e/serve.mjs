// Zero-dependency static file server for the built site (dist/), with SPA fallback.
//
//   node tests/e2e/serve.mjs [dir] [port] [host]
//   defaults: dir = ../../dist (relative to this file), port = 4173, host = 127.0.0.1
//
// Port 0 picks a free port. Also importable: startServer({ root, port, host }).
//
// Every response carries the app's Content-Security-Policy (scripts/csp.mjs), so the browser
// tests run under the same policy as the published site, and scripts/run.sh serves with it.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEADER_POLICY } from '../../scripts/csp.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ROOT = resolve(HERE, '../../dist');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

async function fileAt(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

export function startServer({ root = DEFAULT_ROOT, port = 4173, host = '127.0.0.1', quiet = false } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      } catch {
        res.writeHead(400).end('bad request');
        return;
      }
      let path = normalize(join(base, pathname));
      if (path !== base && !path.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let st = await fileAt(path);
      if (!st && (await fileAt(join(path, 'index.html')))) {
        path = join(path, 'index.html');
        st = await fileAt(path);
      }
      if (!st && extname(pathname) === '') {
        // Single-page app: unknown routes get the app's index.html.
        path = join(base, 'index.html');
        st = await fileAt(path);
      }
      if (!st) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
        'Content-Security-Policy': HEADER_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(path).pipe(res);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      if (!quiet) console.log(`serving ${base} at http://${host}:${actual}/`);
      resolvePromise({ server, port: actual, url: `http://${host}:${actual}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, port, host] = process.argv.slice(2);
  const root = dir ? resolve(dir) : DEFAULT_ROOT;
  if (!(await stat(join(root, 'index.html')).catch(() => null))) {
    console.error(`no index.html in ${root}: build the site first (trunk build --release)`);
    process.exit(1);
  }
  const { server } = await startServer({ root, port: port ? Number(port) : 4173, host: host ?? '127.0.0.1' });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

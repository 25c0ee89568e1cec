// Trunk post-build hook: writes the service worker's list of files and its version into
// the staged sw.js. Every file of the bundle is listed, so the app, both languages and
// every lesson work offline after the first visit. The version is a hash of the files'
// contents: any change to the bundle installs a new cache.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('sw-precache: no TRUNK_STAGING_DIR and no directory argument');
  process.exit(2);
}

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = walk(dir)
  .map((p) => relative(dir, p).split(sep).join('/'))
  .filter((f) => f !== 'sw.js' && !f.endsWith('.map'))
  .sort();
const hash = createHash('sha256');
for (const f of files) {
  hash.update(f);
  hash.update(readFileSync(join(dir, f)));
}
const version = hash.digest('hex').slice(0, 16);
// './' is the page itself (index.html under whatever path the app is published at).
const urls = ['./', ...files.filter((f) => f !== 'index.html').map((f) => `./${f}`)];
const swPath = join(dir, 'sw.js');
const sw = readFileSync(swPath, 'utf8')
  .replace('__KUBEAULA_VERSION__', version)
  .replace('__KUBEAULA_FILES__', JSON.stringify(urls));
writeFileSync(swPath, sw);
console.log(`sw-precache: version ${version}, ${urls.length} files`);

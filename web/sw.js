// kubeaula's service worker: after the first visit the whole app (both languages, every
// lesson) works with the network off. scripts/sw-precache.mjs fills in VERSION and FILES
// after each build; a new build gets a new cache, installed in the background and used
// from the next visit on (or at once, when the student accepts the page's notice).
const VERSION = '__KUBEAULA_VERSION__';
const FILES = __KUBEAULA_FILES__;
const CACHE = `kubeaula-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith('kubeaula-') && k !== CACHE).map((k) => caches.delete(k))),
    ),
  );
});

// The page asks for the waiting version when the student accepts the update notice.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Every page of the app is the one index.html (lesson, step and share links live in
      // the query and the fragment).
      const key = req.mode === 'navigate' ? new URL('./', scope).href : req.url;
      const hit = await cache.match(key, { ignoreSearch: req.mode === 'navigate' });
      if (hit) return hit;
      try {
        return await fetch(req);
      } catch (e) {
        if (req.mode === 'navigate') {
          const index = await cache.match(new URL('./', scope).href);
          if (index) return index;
        }
        throw e;
      }
    })(),
  );
});

// The offline worker: after one visit the app runs with no network at all.
//
// It is registered as `sw.js?build=<hash>` (js/offline.js), where the hash
// is the build's, from pkg/build.json (scripts/build writes it with the list
// of the app's files). Installing caches every file of that list in a cache
// named `descent-<hash>`; activating deletes every other `descent-` cache,
// so a new build replaces the old one as soon as a page loads it.
//
// Requests go to the network first and fall back to the cache: a page
// served from www/ during development shows every edit on reload, and a
// page with no network gets the cached build. Every same-origin answer is
// cached as it passes, so the cache also follows edits made since.

const BUILD = new URL(self.location.href).searchParams.get("build") || "unversioned";
const CACHE = `descent-${BUILD}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch("pkg/build.json", { cache: "no-store" });
      if (!response.ok) throw new Error(`pkg/build.json: HTTP ${response.status}`);
      const { files } = await response.json();
      const cache = await caches.open(CACHE);
      // build.json too: offline, the page still reads which build it runs.
      await cache.addAll(["./", "pkg/build.json", ...files].map((file) => new Request(file, { cache: "no-store" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("descent-") && name !== CACHE) await caches.delete(name);
      }
    })(),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") cache.put(request, response.clone()).catch(() => {});
    return response;
  } catch (error) {
    const page = request.mode === "navigate";
    const cached =
      (await cache.match(request, { ignoreSearch: page })) ??
      (page ? ((await cache.match("./")) ?? (await cache.match("index.html"))) : undefined);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

// Offline use: registers the service worker (../sw.js) under the build's
// hash, once the page has drawn its first frame and settled, so a first
// visit is not slowed by filling the cache. pkg/build.json, written by
// scripts/build, names the build; without it (a bare checkout) there is
// no worker. `?offline=0` in the address removes the worker and its caches.

const SETTLE_MS = 1500;

async function forget() {
  for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  for (const name of await caches.keys()) if (name.startsWith("descent-")) await caches.delete(name);
}

export function registerOffline() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  if (new URLSearchParams(location.search).get("offline") === "0") {
    forget().catch(() => {});
    return;
  }
  setTimeout(async () => {
    // Offline there is nothing new to install, and a failed fetch of the
    // worker's script would only log an error.
    if (!navigator.onLine) return;
    try {
      const response = await fetch("pkg/build.json", { cache: "no-store" });
      if (!response.ok) return;
      const { hash } = await response.json();
      if (typeof hash !== "string" || !hash || !navigator.onLine) return;
      const script = `sw.js?build=${encodeURIComponent(hash)}`;
      // This build's worker already runs: nothing to fetch.
      const current = await navigator.serviceWorker.getRegistration();
      if (current?.active?.scriptURL === new URL(script, location.href).href) return;
      await navigator.serviceWorker.register(script);
    } catch {
      // No build manifest, or no network and no worker yet: online only.
    }
  }, SETTLE_MS);
}

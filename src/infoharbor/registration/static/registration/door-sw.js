// The door page's service worker: it keeps the page, its files and the badge holders' photos,
// so the door still opens, and shows faces, when the venue's network drops. The page tells it
// what to keep (a "keep" message); everything else goes to the network untouched. The admission
// list is not kept here: the page keeps it in IndexedDB.
//
// Served from /static/registration/ with `Service-Worker-Allowed: /` (infoharbor/web/
// static_headers.py), so the page can register it with the door page's own path as its scope.
const KEPT = "infoharbor-door-1";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  const old = caches.keys().then((names) => Promise.all(names.filter((name) => name.startsWith("infoharbor-door-") && name !== KEPT).map((name) => caches.delete(name))));
  event.waitUntil(old.then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  const addresses = (event.data && event.data.keep) || [];
  const keeping = caches.open(KEPT).then((cache) =>
    Promise.all(
      addresses.map((address) =>
        cache
          .match(address, { ignoreVary: true })
          .then((hit) => hit || cache.add(address))
          .catch(() => undefined)
      )
    )
  );
  event.waitUntil(keeping);
});

// The network first, so what is kept stays fresh; what is kept when there is no network.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(KEPT).then((cache) =>
      fetch(request)
        .then((response) => {
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            cache.match(request, { ignoreVary: true }).then((hit) => hit && cache.put(request, copy));
          }
          return response;
        })
        .catch(() => cache.match(request, { ignoreVary: true }).then((hit) => hit || Response.error()))
    )
  );
});

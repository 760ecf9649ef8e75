// CdsLearn service worker: keeps what was read so it can be read again without signal.
// Lessons: the saved copy at once, refreshed in the background (a lesson rarely changes; on 3G this saves seconds).
// Other pages: network first, the saved copy when offline (a quiz's only until it is sent). Styles, scripts, icons and
// lesson pictures: saved copy first. The team's readings saved with "Lưu cả kỹ năng" (save-offline.js): their lists
// from the network, the saved copy when offline; their files (named by their content) from the saved copy.
const PAGES = "cdslearn-pages-v1";
const ASSETS = "cdslearn-assets-v1";
const VOICES = "cdslearn-voices-v1";
const OFFLINE = "/offline.html";
// "/kenh-cua-xa" too: the commune picked last on this phone, where a lesson sends bà con to the commune's Zalo or the Tổ.
const KEPT = /^\/($|bai-hoc\/|ky-nang\/|kiem-tra\/|lam-thu\/|kenh-cua-xa$)/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(ASSETS).then((cache) => cache.addAll([OFFLINE, "/icon.svg"])).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  // The page the worker was installed from loaded before the worker ran, so nothing kept it: a lesson opened once from
  // a poster's QR would be gone at the first loss of signal. It is saved now, with its styles and scripts.
  event.waitUntil(self.clients.claim()
    .then(() => self.clients.matchAll({ type: "window", includeUncontrolled: true }))
    .then((windows) => keep(windows.map((w) => new URL(w.url).pathname).filter((path) => KEPT.test(path)))));
});

// Every saved page shows who is signed in (the header, "Tôi đã đọc xong", a quiz's draw for that person). These posts
// change that: signing in, signing up, signing out, starting or ending "Học cùng tổ".
function changesSignIn(url) {
  return /^\/tai-khoan\/dang-(nhap|ky|xuat)$/.test(url.pathname) || url.pathname === "/hoc-cung/ket-thuc"
    || (url.pathname.startsWith("/ho-gia-dinh/") && url.searchParams.get("handler") === "Assist");
}

// Saves pages as they look now, one after another (3G), with the styles, scripts and pictures they link.
function keep(paths) {
  return caches.open(PAGES).then((pages) => paths.reduce((previous, path) => previous.then(() => fetch(path).then((response) => {
    // Redirected: the page asks to sign in now; the sign-in page is not the page.
    if (!response.ok || response.redirected) return;
    return pages.put(path, response.clone()).then(() => response.text()).then(keepAssets);
  }).catch(() => { /* offline again: kept later, when read */ })), Promise.resolve()));
}

function keepAssets(html) {
  const links = (html.match(/(?:src|href)="\/(?:css|js|noi-dung)\/[^"]+"/g) || []).map((a) => a.slice(a.indexOf('"') + 1, -1));
  return caches.open(ASSETS).then((assets) => Promise.all(links.map((link) => assets.match(link)
    .then((hit) => hit || fetch(link).then((response) => response.ok ? assets.put(link, response) : undefined)))));
}

// A player asks for parts of a file (Range: bytes=a-b, a-, -n) and Chromium plays nothing from a whole 200 it did not
// ask for; the part is cut from the saved whole file. One range only (players ask for one); otherwise the whole file.
function part(range, whole) {
  const asked = /^bytes=(\d*)-(\d*)$/.exec(range || "");
  if (!asked || (!asked[1] && !asked[2])) return whole;
  return whole.blob().then((blob) => {
    const size = blob.size;
    const start = asked[1] ? Number(asked[1]) : Math.max(0, size - Number(asked[2]));
    const end = asked[1] && asked[2] ? Math.min(Number(asked[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      return new Response(null, { status: 416, headers: { "Content-Range": "bytes */" + size } });
    }
    return new Response(blob.slice(start, end + 1), {
      status: 206,
      statusText: "Partial Content",
      headers: {
        "Content-Type": whole.headers.get("Content-Type") || "application/octet-stream",
        "Content-Range": "bytes " + start + "-" + end + "/" + size,
        "Content-Length": String(end - start + 1),
        "Accept-Ranges": "bytes",
      },
    });
  });
}

// A reading saved with the skill that is no longer published (withdrawn or deleted by its reader, read again, rejected,
// its text changed) leaves the phone: each time a lesson or task is opened with signal, its saved lists are asked
// again, the files they no longer name are dropped, and the lists are kept as they are now.
function refreshVoices(page) {
  const item = page.split("/")[2];
  return caches.has(VOICES).then((has) => has && caches.open(VOICES).then((cache) => cache.keys().then((keys) =>
    Promise.all(keys.filter((key) => new URL(key.url).pathname === "/giong-doc/bai/" + item).map((list) =>
      Promise.all([cache.match(list).then((saved) => saved.json()), fetch(list.url, { credentials: "same-origin", cache: "no-store" })])
        .then(([saved, response]) => !response.ok ? undefined : response.clone().json().then((now) => {
          const named = new Set(now.voices.map((v) => new URL(v.url, self.location).pathname));
          return Promise.all(saved.voices.map((v) => new URL(v.url, self.location).pathname).filter((file) => !named.has(file))
            .map((file) => cache.delete(file))).then(() => cache.put(list, response));
        }))
        .catch(() => undefined))))));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && url.origin === self.location.origin && changesSignIn(url)) {
    // Once the sign-in has changed (a redirect; a form error changes nothing), no saved page may be shown again: all are
    // dropped before the next page loads, then saved again as they look now, except after signing out (a shared phone).
    const done = fetch(request).then((response) => response.type !== "opaqueredirect" && !response.redirected ? { response, paths: [] }
      : caches.open(PAGES).then((cache) => cache.keys()).then((keys) => caches.delete(PAGES).then(() => ({
        response, paths: url.pathname === "/tai-khoan/dang-xuat" ? [] : keys.map((k) => new URL(k.url).pathname),
      }))));
    event.respondWith(done.then((d) => d.response));
    event.waitUntil(done.then((d) => keep(d.paths), () => undefined));
    return;
  }
  if (request.method === "POST" && url.origin === self.location.origin && KEPT.test(url.pathname)) {
    // A quiz sent: its saved copy carries the draw just sent, and a draw grades one attempt, so it is not offered again.
    // A lesson marked read: its saved copy still offers "Tôi đã đọc xong".
    event.waitUntil(caches.open(PAGES).then((cache) => cache.delete(url.pathname)));
    return;
  }
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/giong-doc/tep/")) {
    // Saved only when asked for; a file not saved goes to the network untouched (a player's parts are never saved).
    event.respondWith(caches.match(url.pathname, { cacheName: VOICES })
      .then((hit) => hit ? part(request.headers.get("Range"), hit) : fetch(request)));
    return;
  }
  if (url.pathname.startsWith("/giong-doc/bai/")) {
    event.respondWith(fetch(request).catch(() => caches.match(request, { cacheName: VOICES }).then((hit) => hit || Response.error())));
    return;
  }
  // Course pictures are linked with their content hash (?v=), so a saved copy is never stale.
  if (url.pathname.startsWith("/css/") || url.pathname.startsWith("/js/") || url.pathname.startsWith("/noi-dung/") || url.pathname === "/icon.svg") {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) { const copy = response.clone(); caches.open(ASSETS).then((cache) => cache.put(request, copy)); }
      return response;
    })));
    return;
  }
  if (url.pathname.startsWith("/bai-hoc/") && !url.search) {
    var refresh = fetch(request).then((response) => {
      if (response.ok) { const copy = response.clone(); caches.open(PAGES).then((cache) => cache.put(url.pathname, copy)); }
      return response;
    });
    event.respondWith(caches.match(url.pathname, { cacheName: PAGES }).then((hit) => hit || refresh.catch(() => caches.match(OFFLINE))));
    event.waitUntil(refresh.then(() => refreshVoices(url.pathname), () => undefined));
    return;
  }
  if (request.mode === "navigate" || url.pathname.startsWith("/ky-nang/")) {
    if (url.pathname.startsWith("/lam-thu/")) event.waitUntil(refreshVoices(url.pathname));
    event.respondWith(fetch(request).then((response) => {
      if (response.ok && KEPT.test(url.pathname)) {
        const copy = response.clone();
        caches.open(PAGES).then((cache) => cache.put(url.pathname, copy));
      }
      return response;
    }).catch(() => caches.match(url.pathname, { cacheName: PAGES }).then((hit) => hit || caches.match(OFFLINE))));
  }
});

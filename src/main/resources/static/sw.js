// Cordon's service worker (README "Offline field app"), at the root so that its scope is every page. It keeps the field
// pages — the officer's checkpoint list, the passage form and the day's list, the grid worker's work list and check
// pages — and the files they load in the browser's Cache Storage, so that they open without network. It keeps no
// record: what the officer enters without network is kept by the page (static/js/offline.js, IndexedDB) and sent by
// the page.
//
// Field pages: network first, and the answer is kept (under its address without the query); the kept copy when the
// network fails, takes longer than NAVIGATION_TIMEOUT_MS or the server is unavailable (502-504); without a copy, the
// offline page. A redirect (an expired session's way to the sign-in page) and anything that is not a page pass as they
// are and are never kept. Other pages: the network, and the offline page when it fails.
// Files (styles, scripts, vendor libraries, icons, the manifest) and the pickers' option lists, by address: an address
// with a fingerprint (a content hash or a version in it) never changes its content, so cache first; any other address
// network first with the kept copy as the fallback, so that an update arrives while online.
// Nothing else is touched: POSTs (the page sends the records), the API and the session check go to the network.
//
// The page asks for itself and its files to be kept at once ('keep' message): the first visit's answers came before
// this worker controlled the page. Signing out deletes the caches (static/js/cordon.js).
'use strict';

var PAGES = 'cordon-pages-v1';
var FILES = 'cordon-files-v1';
var CURRENT = [PAGES, FILES];
var NAVIGATION_TIMEOUT_MS = 6000;
var FILE_TIMEOUT_MS = 8000;
var MAX_KEPT_PAGES = 80;

// the application's context path: the scope without its trailing slash
var BASE = new URL(self.registration.scope).pathname.replace(/\/$/, '');
var OFFLINE_PAGE = BASE + '/offline';
var FIELD_PAGES = [
  /^\/checkpoints$/,
  /^\/checkpoints\/[^/]+\/passages\/new$/,
  /^\/checkpoints\/[^/]+\/passages$/,
  /^\/observation$/,
  /^\/observation\/round$/,
  /^\/observation\/episodes\/\d+$/
];
var FILE_PATHS = /^\/(css|js|vendor|webjars|icons)\/|^\/manifest\.webmanifest$/;
var PICKERS = /^\/ref\/(division|area)-options$/;
var PICKER_PARAMETERS = ['originProvince', 'originCity', 'destinationTown'];
var FINGERPRINTED = /-[0-9a-f]{8,}\.[a-z0-9]+$|\/webjars\/[^/]+\/\d[^/]*\/|[?&]v=/i;

function relative(url) {
  return url.pathname.indexOf(BASE) === 0 ? url.pathname.substring(BASE.length) || '/' : url.pathname;
}

function isFieldPage(url) {
  var path = relative(url);
  return FIELD_PAGES.some(function (p) { return p.test(path); });
}

/** Where a page is kept: its address without the query (?lang=en, ?offline=… open the same page). */
function pageKey(url) {
  return url.origin + url.pathname;
}

/** Where a file is kept: its address; a picker's list by the one choice it depends on (htmx may add other values). */
function fileKey(url) {
  if (PICKERS.test(relative(url))) {
    for (var i = 0; i < PICKER_PARAMETERS.length; i++) {
      var value = url.searchParams.get(PICKER_PARAMETERS[i]);
      if (value !== null) { return url.origin + url.pathname + '?' + PICKER_PARAMETERS[i] + '=' + encodeURIComponent(value); }
    }
    return url.origin + url.pathname;
  }
  return url.href;
}

/** Only the page itself is kept: not a search's answer, another day's list or a later page of it. */
function plainQuery(url) {
  var plain = true;
  url.searchParams.forEach(function (value, name) {
    if (name !== 'lang' && name !== 'offline') { plain = false; }
  });
  return plain;
}

function keepablePage(response) {
  return !!response && response.status === 200 && response.type === 'basic' && !response.redirected
    && (response.headers.get('Content-Type') || '').indexOf('text/html') === 0;
}

function keepableFile(response) {
  return !!response && response.status === 200 && response.type === 'basic' && !response.redirected;
}

/** A promise that fails after a while: a network that hangs must not hold the kept copy back. */
function within(promise, millis) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error('timeout')); }, millis);
    promise.then(function (v) { clearTimeout(timer); resolve(v); }, function (e) { clearTimeout(timer); reject(e); });
  });
}

function offlinePage() {
  return caches.open(PAGES).then(function (cache) { return cache.match(OFFLINE_PAGE); })
    .then(function (page) { return page || Response.error(); });
}

// the pages (clients) this worker answered with a kept copy: the page asks ('copy?') to say so
var answeredWithCopy = [];

function servedCopy(event, kept) {
  if (kept && event.resultingClientId) {
    answeredWithCopy.push(event.resultingClientId);
    if (answeredWithCopy.length > 50) { answeredWithCopy.shift(); }
  }
  return kept;
}

function page(event, url) {
  var key = pageKey(url);
  var network = fetch(event.request).then(function (response) {
    if (keepablePage(response) && plainQuery(url)) {
      var copy = response.clone();
      event.waitUntil(caches.open(PAGES).then(function (cache) { return cache.put(key, copy); }));
    } else if (response.status >= 502 && response.status <= 504) {
      // the server is there but cannot answer (a database outage): work from the kept copy meanwhile
      return caches.match(key, {cacheName: PAGES}).then(function (kept) { return servedCopy(event, kept) || response; });
    }
    return response;
  });
  return within(network, NAVIGATION_TIMEOUT_MS).catch(function () {
    return caches.match(key, {cacheName: PAGES}).then(function (kept) {
      // no copy: wait for a slow network after all, or say that there is none
      return servedCopy(event, kept) || network.catch(offlinePage);
    });
  });
}

function cacheFirst(event, url) {
  var key = fileKey(url);
  return caches.match(key, {cacheName: FILES}).then(function (kept) {
    if (kept) { return kept; }
    return fetch(event.request).then(function (response) {
      if (keepableFile(response)) {
        var copy = response.clone();
        event.waitUntil(caches.open(FILES).then(function (cache) { return cache.put(key, copy); }));
      }
      return response;
    });
  });
}

function networkFirst(event, url) {
  var key = fileKey(url);
  var network = fetch(event.request).then(function (response) {
    if (keepableFile(response)) {
      var copy = response.clone();
      event.waitUntil(caches.open(FILES).then(function (cache) { return cache.put(key, copy); }));
    }
    return response;
  });
  return within(network, FILE_TIMEOUT_MS).catch(function () {
    return caches.match(key, {cacheName: FILES}).then(function (kept) {
      return kept || network.catch(function () { return Response.error(); });
    });
  });
}

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(PAGES)
    .then(function (cache) { return cache.add(new Request(OFFLINE_PAGE, {credentials: 'same-origin'})); })
    .catch(function () { /* installed without network: the offline page comes with the next visit */ })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf('cordon-') === 0 && CURRENT.indexOf(n) < 0; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === 'navigate') {
    if (isFieldPage(url)) {
      event.respondWith(page(event, url));
    } else if (url.pathname !== OFFLINE_PAGE) {
      event.respondWith(fetch(request).catch(offlinePage));
    }
    return;
  }
  var path = relative(url);
  if (FILE_PATHS.test(path) || PICKERS.test(path)) {
    event.respondWith(FINGERPRINTED.test(url.pathname + url.search) ? cacheFirst(event, url) : networkFirst(event, url));
  }
});

/** Keeps pages and files a page names: the page itself (refreshed), the pages it links to and the files it loads. */
function keep(message) {
  var kept = 0;
  function one(cacheName, address, refresh, isPage) {
    var url = new URL(address, self.location.href);
    if (url.pathname === OFFLINE_PAGE) {
      cacheName = PAGES;
      isPage = true;
    } else if (url.origin !== self.location.origin || (isPage && !isFieldPage(url))) {
      return Promise.resolve();
    }
    var key = isPage ? pageKey(url) : fileKey(url);
    return caches.open(cacheName).then(function (cache) {
      return cache.match(key).then(function (present) {
        if (present && !refresh) { return null; }
        return fetch(url.href, {credentials: 'same-origin'}).then(function (response) {
          if (isPage ? keepablePage(response) : keepableFile(response)) {
            kept++;
            return cache.put(key, response);
          }
          return null;
        });
      });
    }).catch(function () { /* the network dropped meanwhile: kept with a later visit */ });
  }
  var pages = (message.pages || []).slice(0, MAX_KEPT_PAGES);
  var refresh = message.refresh || [];
  var files = message.files || [];
  return Promise.all(
    refresh.map(function (a) { return one(PAGES, a, true, true); })
      .concat(pages.map(function (a) { return one(PAGES, a, false, true); }))
      .concat(files.map(function (a) { return one(FILES, a, false, false); }))
  ).then(function () { return kept; });
}

self.addEventListener('message', function (event) {
  var message = event.data || {};
  var port = event.ports && event.ports[0];
  if (message.type === 'claim') {
    // a page loaded while this worker was being installed asks to be taken over (activate's claim came too early for it)
    event.waitUntil(self.clients.claim().then(function () {
      if (port) { port.postMessage({type: 'claimed', ok: true}); }
    }, function (e) {
      if (port) { port.postMessage({type: 'claimed', ok: false, error: String(e)}); }
    }));
  } else if (message.type === 'copy?') {
    if (port) { port.postMessage({type: 'copy', copy: !!event.source && answeredWithCopy.indexOf(event.source.id) >= 0}); }
  } else if (message.type === 'keep') {
    event.waitUntil(keep(message).then(function (count) {
      if (port) { port.postMessage({type: 'kept', count: count}); }
    }));
  }
});

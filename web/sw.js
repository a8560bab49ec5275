/* Steppe Atlas service worker: after one visit the atlas opens with no network.
 *
 * tools/web/dist.mjs writes the static-host build (build/web/dist) and puts
 * the line `const PRECACHE = {...};` (this version's files, content-hashed
 * names) in front of this file, so every new build is a byte-different sw.js
 * and the browser installs it as a new version. web/sw-register.js registers
 * it only there; in build/web/out (no PRECACHE) it is never registered.
 *
 * - install: fetch every file of this version into its own cache
 *   (steppe-atlas-VERSION); if one fails, the install fails and the old
 *   version stays in charge with its own complete cache.
 * - activate: delete every other steppe-atlas-* cache, take over open pages.
 *   A page that was loaded by the old version already holds all of its code
 *   (nothing is loaded later), and hashed names never mix versions: the next
 *   load takes index.html and its files from the new cache together.
 * - fetch: hashed files cache-first (they never change); index.html network-
 *   first, falling back to this version's copy when offline, when the network
 *   has not answered within 3 s, or on a server error; anything else
 *   same-origin network, then the cache (a teacher's ?bundle=NAME.bundle is
 *   put there when fetched, so it opens offline after one visit).
 */
'use strict';
/* global PRECACHE */
// This file as web/ has it (build/web/out: no list) is never registered, but
// the browser fetches it to update a service worker that a static-host build
// served at the same address left behind: it then retires that worker and
// its caches, so build/web/out is not served from an old version's cache.
var RETIRE = typeof PRECACHE === 'undefined';
var CACHE = RETIRE ? null : 'steppe-atlas-' + PRECACHE.version;
var SCOPE = new URL('./', self.location.href).href;
var HASHED = new Set(RETIRE ? [] : PRECACHE.hashed);

function localName(url) {
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return null;
  var name = url.href.slice(SCOPE.length).split(/[?#]/)[0];
  return name === '' ? 'index.html' : name;
}

self.addEventListener('install', function (event) {
  if (RETIRE) { event.waitUntil(self.skipWaiting()); return; }
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // Unhashed files bypass the HTTP cache so they match this version.
    return cache.addAll(PRECACHE.files.map(function (name) {
      return new Request(name, { cache: HASHED.has(name) ? 'default' : 'no-cache' });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf('steppe-atlas-') === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return RETIRE ? self.registration.unregister() : self.clients.claim(); }));
});

// A blocked network often does not refuse but stays silent: after this long
// without an answer the page comes from the cache (the network's answer, if it
// comes later, is dropped; the next visit gets it).
var PAGE_TIMEOUT_MS = 3000;

function networkFirst(req, name, timeoutMs) {
  return new Promise(function (resolve) {
    var settled = false;
    function settle(res) { if (!settled && res) { settled = true; resolve(res); } }
    function cached(orElse) {
      return fromCache(name).then(function (hit) { settle(hit || orElse); });
    }
    var timer = setTimeout(function () { cached(null); }, timeoutMs);
    fetch(req).then(function (res) {
      clearTimeout(timer);
      if (res.ok) settle(res); else cached(res); // a server error: this version's copy if there is one
    }, function () {
      clearTimeout(timer);
      cached(Response.error());
    });
  });
}

function fromCache(name) {
  return caches.open(CACHE).then(function (cache) { return cache.match(name); });
}

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (RETIRE || req.method !== 'GET') return;
  var url = new URL(req.url);
  var name = localName(url);
  if (name === null) return;
  var page = req.mode === 'navigate' || name === 'index.html';
  if (HASHED.has(name)) {
    event.respondWith(fromCache(name).then(function (hit) { return hit || fetch(req); }));
  } else if (page) {
    // Network first; offline, this version's index.html (deep links live in the
    // hash, ?bundle= and ?renderer= in the query: the same page serves them all).
    event.respondWith(networkFirst(req, 'index.html', PAGE_TIMEOUT_MS));
  } else {
    // Anything else of ours: the network, else the cache. A teacher's bundle
    // (?bundle=NAME.bundle) is kept once fetched, so it opens offline too.
    event.respondWith(fetch(req).then(function (res) {
      if (/\.bundle$/.test(name) && res.ok && res.type === 'basic') {
        var copy = res.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(name, copy); }));
      }
      return res;
    }).catch(function () {
      return fromCache(name).then(function (hit) { return hit || Response.error(); });
    }));
  }
});

// Keeps the visit form and what it needs on the phone, for workshops with no signal: the form is
// fetched from the network when there is one (and kept), from the phone's cache when there is not.
'use strict';
var CACHE = 'fugong-visits-v1';
var BASE = self.location.pathname.replace(/\/visits\/sw\.js$/, '');
var KEPT = [BASE + '/visits/record', BASE + '/css/app.css', BASE + '/js/visits.js', BASE + '/js/app.js',
  BASE + '/webjars/bootstrap/css/bootstrap.min.css', BASE + '/webjars/bootstrap/js/bootstrap.bundle.min.js',
  BASE + '/webjars/htmx.org/dist/htmx.min.js', BASE + '/images/favicon.svg'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(KEPT.map(function (url) {
      return cache.add(new Request(url, {credentials: 'same-origin'})).catch(function () {});
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  var form = url.pathname === BASE + '/visits/record';
  if (!form && KEPT.indexOf(url.pathname) < 0) {
    return;
  }
  var key = form ? BASE + '/visits/record' : url.pathname;
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(key);
  }));
});

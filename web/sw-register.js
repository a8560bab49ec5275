/* Registers the service worker (web/sw.js) that keeps the atlas working
 * offline. Only the static-host build (build/web/dist, tools/web/dist.mjs)
 * turns it on, by setting serviceWorkerUrl below; in build/web/out and from
 * file:// nothing happens. */
'use strict';
(function () {
  var serviceWorkerUrl = ''; /* set by tools/web/dist.mjs */
  if (serviceWorkerUrl === '' || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  window.addEventListener('load', function () {
    navigator.serviceWorker.register(serviceWorkerUrl).catch(function (e) {
      console.warn('steppe: the atlas will not work offline: ' + e.message);
    });
  });
})();

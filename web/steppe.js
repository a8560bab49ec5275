/* Steppe Atlas page glue: loads the WebAssembly build (atlas.js), keeps the
 * canvas sized to the window, and exposes the embedding/testing API:
 *
 *   window.steppeAtlas.ready      Promise, resolves after the first complete map frame
 *   window.steppeAtlas.readyAt    performance.now() at that frame
 *   window.steppeAtlas.project(lon, lat) -> [x, y] CSS px on the page
 *   window.steppeAtlas.state()    -> { view, selectionKind, selection, selectionName, hover, panelOpen, hash }
 *   window.steppeAtlas.panelText() -> what the panel shows, as plain text ("" when closed)
 *   window.steppeAtlas.markers()   -> { markers: [{x, y, count, event, place, fanned}],
 *                                       edges: [{x, y, count, place, places, event}], key: {x, y, w, h, header} } in CSS px
 *   window.steppeAtlas.events()    -> [{key, lon, lat, year, category}] of the events passing the filter
 *   window.steppeAtlas.fillColor(iso3) -> [r, g, b] of the country's theme fill, or null
 *   window.steppeAtlas.renderer    'software' or 'webgl': how frames are drawn (?renderer= overrides)
 */
'use strict';
(function () {
  var statusBox = document.getElementById('status');
  var statusText = document.getElementById('status-text');
  var canvas = document.getElementById('canvas');
  var resolveReady, rejectReady;
  var api = {
    ready: new Promise(function (res, rej) { resolveReady = res; rejectReady = rej; }),
    readyAt: null,
    project: function (lon, lat) {
      var r = canvas.getBoundingClientRect();
      return [r.left + Module._steppe_project_x(lon, lat), r.top + Module._steppe_project_y(lon, lat)];
    },
    state: function () {
      var s = JSON.parse(Module.UTF8ToString(Module._steppe_state_json()));
      s.hash = Module.UTF8ToString(Module._steppe_hash());
      return s;
    },
    panelText: function () { return Module.UTF8ToString(Module._steppe_panel_text()); },
    markers: function () { return JSON.parse(Module.UTF8ToString(Module._steppe_markers_json())); },
    events: function () { return JSON.parse(Module.UTF8ToString(Module._steppe_events_json())); },
    tours: function () { return JSON.parse(Module.UTF8ToString(Module._steppe_tours_json())); },
    panelLinks: function () {
      var r = canvas.getBoundingClientRect();
      return JSON.parse(Module.UTF8ToString(Module._steppe_panel_links_json())).map(function (l) {
        return { text: l.text, x: r.left + l.x, y: r.top + l.y, w: l.w, h: l.h };
      });
    },
    fillColor: function (iso3) {
      var c = Module.ccall('steppe_country_fill', 'number', ['string'], [String(iso3)]);
      return c < 0 ? null : [(c >> 16) & 255, (c >> 8) & 255, c & 255];
    }
  };
  api.ready.catch(function () {});
  window.steppeAtlas = api;

  function fail(message) {
    statusBox.classList.remove('hidden');
    statusBox.classList.add('error');
    statusText.textContent = message;
    rejectReady(new Error(message));
  }

  // How frames reach the screen. WebGL where a GPU draws it; where WebGL is
  // emulated on the CPU (SwiftShader, llvmpipe: headless browsers, virtual
  // machines, old or blocklisted GPUs) every WebGL frame also has to be read
  // back for the compositor, which costs more than drawing the frame ourselves
  // in WebAssembly and showing it on a 2D canvas. No WebGL at all: the same.
  function chooseRenderer() {
    var forced = new URLSearchParams(location.search).get('renderer');
    if (forced === 'software' || forced === 'webgl') return forced;
    try {
      var gl = document.createElement('canvas').getContext('webgl');
      if (!gl) return 'software';
      var info = gl.getExtension('WEBGL_debug_renderer_info');
      var name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      var lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
      return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name) ? 'software' : 'webgl';
    } catch (e) { return 'software'; }
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('Steppe Atlas needs WebAssembly, which this browser does not offer. Please use a current browser.');
    window.Module = { noInitialRun: true };
    return;
  }
  api.renderer = chooseRenderer();

  window.steppeAtlasFirstFrame = function () {
    api.readyAt = performance.now();
    statusBox.classList.add('hidden');
    resolveReady(api);
  };

  var lastW = 0, lastH = 0, lastDpr = 0;
  function syncSize() {
    var w = window.innerWidth, h = window.innerHeight, dpr = window.devicePixelRatio || 1;
    if (w === lastW && h === lastH && dpr === lastDpr) return;
    lastW = w; lastH = h; lastDpr = dpr;
    if (Module.calledRun && Module._steppe_resize) Module._steppe_resize(w, h);
  }

  // A teacher's own atlas: ?bundle=NAME loads NAME (same origin only) instead
  // of the built-in bundle. If it is broken, the atlas says so and opens the
  // built-in one.
  var bundleParam = new URLSearchParams(location.search).get('bundle');
  var preRun = [];
  if (bundleParam) {
    preRun.push(function () {
      var url;
      try { url = new URL(bundleParam, location.href); } catch (e) { url = null; }
      if (!url || url.origin !== location.origin) {
        console.warn('steppe: ignoring bundle from another origin: ' + bundleParam);
        return;
      }
      Module.addRunDependency('bundle');
      fetch(url.href).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(function (buf) {
        Module.steppeBundle = new Uint8Array(buf);
        Module.steppeBundleName = url.pathname.split('/').pop();
      }).catch(function (e) {
        console.warn('steppe: could not load ' + bundleParam + ': ' + e.message);
      }).then(function () { Module.removeRunDependency('bundle'); });
    });
  }

  window.Module = {
    preRun: preRun,
    canvas: canvas,
    steppeRenderer: api.renderer,
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    onRuntimeInitialized: function () { lastW = lastH = lastDpr = 0; },
    postRun: [function () { syncSize(); }],
    onAbort: function (what) { fail('The atlas stopped unexpectedly: ' + what); },
    locateFile: function (path) { return path; }
  };
  window.addEventListener('resize', syncSize);
  // Back/forward and edited hashes: the state string is untrusted input; the C
  // side applies what it understands and ignores the rest.
  function applyHash() {
    if (Module.calledRun && Module._steppe_apply_hash) Module.ccall('steppe_apply_hash', null, ['string'], [location.hash]);
  }
  window.addEventListener('popstate', applyHash);
  window.addEventListener('hashchange', applyHash);
  window.addEventListener('error', function (e) {
    if (!api.readyAt) fail('The atlas could not start: ' + (e.message || 'a script failed to load'));
  });
  canvas.addEventListener('wheel', function (e) { e.preventDefault(); }, { passive: false });
  // SDL's mouse events carry whole pixels; the atlas zooms about the exact
  // point under the pointer, so it is told the fraction too. Pointer events
  // carry fractional coordinates (mouse events may not) and fire before the
  // mouse events SDL listens to.
  function reportPointer(e) {
    if (!Module.calledRun || !Module._steppe_pointer_at) return;
    var r = canvas.getBoundingClientRect();
    Module._steppe_pointer_at(e.clientX - r.left, e.clientY - r.top);
  }
  ['pointermove', 'pointerdown', 'pointerup'].forEach(function (type) {
    canvas.addEventListener(type, reportPointer, { capture: true, passive: true });
  });
  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  canvas.focus();
})();

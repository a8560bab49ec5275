/* Steppe Atlas page glue: loads the WebAssembly build (atlas.js), sizes the canvas, mirrors it in
 * the DOM (#a11y) and exposes window.steppeAtlas (listed in README.md, "The JavaScript API"). */
'use strict';
(function () {
  // index.html?presenter is the presenter view (web/presenter.js): no atlas here.
  if (window.steppePresenter) { window.Module = { noInitialRun: true }; return; }
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
    // Bytes: the heap the atlas's allocations hold now, and the wasm memory (its high-water mark).
    memory: function () { return { heapInUse: Module._steppe_heap_in_use(), wasm: Module._steppe_wasm_bytes() }; },
    // ms start-up spent unpacking the built-in (LZMA-compressed) bundle; -1 if a ?bundle= file opened instead.
    bundleUnpackMs: function () { return Module._steppe_bundle_unpack_ms(); },
    // In page css px: the atlas's own, times the text scale.
    markers: function () {
      var m = JSON.parse(Module.UTF8ToString(Module._steppe_markers_json())), k = Module._steppe_text_scale();
      if (k === 1 || !m) return m;
      var scale = function (o) { ['x', 'y', 'w', 'h', 'header'].forEach(function (f) { if (typeof o[f] === 'number') o[f] *= k; }); };
      m.markers.forEach(scale); m.edges.forEach(scale); if (m.key) scale(m.key);
      return m;
    },
    events: function () { return JSON.parse(Module.UTF8ToString(Module._steppe_events_json())); },
    tours: function () { return JSON.parse(Module.UTF8ToString(Module._steppe_tours_json())); },
    panelLinks: function () {
      var r = canvas.getBoundingClientRect(), k = Module._steppe_text_scale();
      return JSON.parse(Module.UTF8ToString(Module._steppe_panel_links_json())).map(function (l) {
        return { text: l.text, x: r.left + l.x * k, y: r.top + l.y * k, w: l.w * k, h: l.h * k };
      });
    },
    fillColor: function (iso3) {
      var c = Module.ccall('steppe_country_fill', 'number', ['string'], [String(iso3)]);
      return c < 0 ? null : [(c >> 16) & 255, (c >> 8) & 255, c & 255];
    },
    panelDocument: function () { return JSON.parse(Module.UTF8ToString(Module._steppe_panel_document())); },
    mirror: function () { return JSON.parse(Module.UTF8ToString(Module._steppe_mirror_json())); },
    select: function (kind, key) {
      var ok = Module.ccall('steppe_select', 'number', ['string', 'string'], [String(kind), String(key)]) === 1;
      refresh();
      return ok;
    },
    themeColors: function (name) {
      return JSON.parse(Module.UTF8ToString(Module.ccall('steppe_theme_colors', 'number', ['string'], [String(name)])));
    }
  };
  api.ready.catch(function () {});
  window.steppeAtlas = api;

  function fail(message) {
    statusBox.classList.remove('hidden');
    statusBox.classList.add('error');
    statusBox.removeAttribute('aria-busy');
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

  window.steppeAtlasFirstFrame = function () {
    api.readyAt = performance.now();
    statusBox.classList.add('hidden');
    applyMotion();
    firstVisit();
    refresh();
    resolveReady(api);
  };

  // --- the screen-reader mirror and the keyboard --------------------------------
  function $(id) { return document.getElementById(id); }
  var mirror = $('a11y'), docBox = $('a11y-panel'), live = $('a11y-live'), note = $('focus-note');
  var fromSlider = $('year-from'), toSlider = $('year-to'), skip = $('skip');
  var darkQuery = matchMedia('(prefers-color-scheme: dark)'), motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
  var FIELDS = { country: 'c', place: 'p', event: 'e', article: 'a' };
  var last = {};
  function run(what, a, b) { return Module.ccall('steppe_do', 'number', ['string', 'number', 'number'], [what, a || 0, b || 0]); }
  function node(tag, text, cls) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  // Links point at the state they open (a deep link), and select it in place.
  function target(tag, kind, key, text) {
    var e = node(tag, text);
    if (tag === 'a') e.href = '#' + FIELDS[kind] + '=' + encodeURIComponent(key); else e.type = 'button';
    e.dataset.kind = kind;
    e.dataset.key = key;
    return e;
  }
  // Rebuilds a container's children, keeping the keyboard on the same item.
  function rebuild(box, children) {
    var a = document.activeElement, had = box.contains(a) ? a.dataset.key || a.dataset.category : null;
    box.replaceChildren.apply(box, children);
    if (had == null) return;
    var again = Array.prototype.find.call(box.querySelectorAll('button,a'), function (e) {
      return (e.dataset.key || e.dataset.category) === had;
    });
    (again || docBox).focus();
  }
  function renderDoc(pd) {
    var out = [], list = null;
    (pd.open ? pd.document.blocks : []).forEach(function (b) {
      var inner = b.link ? target('a', b.link.kind, b.link.key, b.text) : null;
      var listed = b.style === 'bullet' || (b.style === 'link' && b.category);
      var e = node(listed ? 'li' : { title: 'h2', heading: 'h3', quote: 'blockquote' }[b.style] || 'p',
                   inner ? null : b.text, b.style);
      if (inner) e.appendChild(inner);
      if (!listed) { list = null; out.push(e); return; }
      if (!list) out.push(list = node('ul'));
      list.appendChild(e);
    });
    if (!out.length) out.push(node('p', 'Nothing selected: choose a country or an event below.'));
    rebuild(docBox, out);
  }
  function items(list) { return list.map(function (e) { var li = node('li'); li.appendChild(e); return li; }); }
  // Names in alphabetical order. localeCompare's first call sets up the
  // browser's collation data, 15-30 ms inside the first frame's handler,
  // before the map is painted: plain ASCII names (the atlas's own) are
  // compared without it, ignoring case as a collation does.
  var ASCII = /^[\x20-\x7e]*$/;
  function byName(a, b) {
    if (!ASCII.test(a) || !ASCII.test(b)) return a.localeCompare(b);
    var la = a.toLowerCase(), lb = b.toLowerCase();
    return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  }
  function renderLists(m) {
    if (!last.countries) {
      last.countries = true;
      rebuild($('a11y-countries'), items(m.countries.sort(function (a, b) {
        return (b.focus - a.focus) || byName(a.name, b.name);
      }).map(function (c) { return target('button', 'country', c.key, c.name); })));
    }
    var events = m.events.sort(function (a, b) { return a.when - b.when; }).map(function (e) {
      return target('button', 'event', e.key, e.date + ' — ' + e.title + ' (' + e.place + ', ' + e.category + ')');
    });
    if (m.more) events.push(node('span', m.more + ' more: narrow the years to list them'));
    rebuild($('a11y-events'), items(events));
    rebuild($('a11y-categories'), m.categories.map(function (c, i) {
      var b = node('button', c.label + ', ' + c.count + ' events');
      b.type = 'button';
      b.setAttribute('role', 'switch');
      b.setAttribute('aria-checked', String(c.on));
      b.dataset.category = String(i);
      return b;
    }));
  }
  // Follows the atlas: called when it publishes a new state, and after every
  // command from the page.
  // The presenter view (web/presenter.js, a second window of the same
  // origin): told the tour's stop whenever the atlas publishes its state,
  // and its arrows step the tour here.
  var presenter = typeof BroadcastChannel === 'function' ? new BroadcastChannel('steppe-atlas-presenter') : null;
  function tellPresenter() {
    if (!presenter || !api.readyAt) return;
    presenter.postMessage({ type: 'stop', data: JSON.parse(Module.UTF8ToString(Module._steppe_presenter_json())) });
  }
  if (presenter) presenter.onmessage = function (e) {
    var m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'step' && (m.dir === 1 || m.dir === -1)) run('tour-step', m.dir);
    else if (m.type === 'hello') tellPresenter();
  };
  api.openPresenter = function () {
    return window.open(location.pathname + '?presenter', 'steppe-presenter', 'width=760,height=560');
  };
  // The atlas's notice (a bundle that did not open) is drawn on the map;
  // screen readers are told it too.
  // The first visit's hint (what to click, '?' for every key): shown once,
  // at the home view, gone at the first choice or its close button.
  function firstVisit() {
    var KEY = 'steppe-atlas.hint-seen';
    try {
      if (location.hash.length > 1 || localStorage.getItem(KEY)) return;
      localStorage.setItem(KEY, '1');
    } catch (e) { return; } // no storage (file://, privacy mode): never nag
    run('hint', 1);
  }
  function renderKeys() {
    rebuild($('a11y-keys'), Module.UTF8ToString(Module._steppe_key_help()).split('\n\n').map(function (group) {
      var lines = group.split('\n').filter(Boolean), box = node('div');
      box.appendChild(node('h3', lines.shift()));
      var ul = node('ul');
      lines.forEach(function (l) { ul.appendChild(node('li', l)); });
      box.appendChild(ul);
      return box;
    }));
  }
  function announceNotice(s) {
    if (s.notice === last.notice) return;
    last.notice = s.notice;
    if (s.notice) live.textContent = s.notice;
  }
  function refresh() {
    tellPresenter();
    if (!api.readyAt) return;
    var s = api.state(), sel = s.selectionKind + ':' + s.selection + ':' + s.panelOpen;
    if (sel !== last.sel) {
      if (last.sel || s.selection) {
        live.textContent = s.selection ? s.selectionName + ', ' + s.selectionKind +
          (s.panelOpen ? ': the panel shows it' : ': the panel is closed') : 'Nothing selected';
      }
      last.sel = sel;
      tell('selection', s);
      renderDoc(api.panelDocument());
      document.title = s.selection ? s.selectionName + ' — Steppe Atlas' : 'Steppe Atlas — Central Asia';
    }
    var filter = s.years + ':' + s.categories;
    if (filter !== last.filter) {
      last.filter = filter;
      renderLists(api.mirror());
    }
    [fromSlider, toSlider].forEach(function (r, i) {
      r.min = s.timeline.firstYear;
      r.max = s.timeline.lastYear;
      r.value = s.years[i];
    });
    announceNotice(s); // after the selection's news: a notice matters more
  }
  // A bundle dropped or picked (#open-bundle) replaces the atlas if it is good (web_bundle_drop.c).
  function openBundle(file) {
    if (file && api.readyAt) file.arrayBuffer().then(function (buf) {
      Module.steppeBundle = new Uint8Array(buf);
      Module.steppeBundleName = file.name;
      var ok = Module._steppe_open_page_bundle();
      if (ok) last = {};
      refresh();
      live.textContent = ok ? 'Opened ' + file.name : api.state().notice;
    });
  }
  // While a file is dragged over the page, a dashed frame and a line say what dropping does.
  var dropHint = $('drop-hint');
  function dragging(on) { document.body.classList.toggle('dropping', on); dropHint.classList.toggle('hidden', !on); }
  function carriesFiles(e) { return !!e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, 'Files') >= 0; }
  addEventListener('dragenter', function (e) { if (carriesFiles(e)) dragging(true); });
  addEventListener('dragover', function (e) { e.preventDefault(); if (carriesFiles(e)) dragging(true); });
  addEventListener('dragleave', function (e) { if (!e.relatedTarget) dragging(false); }); // left the window
  addEventListener('drop', function (e) { e.preventDefault(); dragging(false); openBundle(e.dataTransfer.files[0]); });
  $('open-bundle').addEventListener('change', function (e) { openBundle(e.target.files[0]); e.target.value = ''; });
  function act(name) {
    if (name === 'search') { canvas.focus(); Module._steppe_open_search(); }
    else if (name === 'help') { run('help', 2); renderKeys(); $('a11y-keys').focus(); }
    else if (name === 'home') run('home');
    else run('zoom', name === 'zoom-in' ? 1.5 : 1 / 1.5);
  }
  mirror.addEventListener('click', function (e) {
    var t = e.target.closest('[data-kind],[data-act],[data-category]');
    if (!t) return;
    e.preventDefault();
    if (t.dataset.act) act(t.dataset.act);
    else if (t.dataset.category) run('category', +t.dataset.category, 2);
    else if (api.select(t.dataset.kind, t.dataset.key)) docBox.focus();
    refresh();
  });
  function years(e) {
    var from = +fromSlider.value, to = +toSlider.value;
    if (e.target === fromSlider) to = Math.max(from, to); else from = Math.min(from, to);
    run('years', from, to);
    refresh();
  }
  fromSlider.addEventListener('input', years);
  toSlider.addEventListener('input', years);
  // The skip link moves the keyboard without touching the hash (the atlas's state).
  skip.addEventListener('click', function (e) { e.preventDefault(); docBox.focus(); });
  // Keys meant for the page's controls do not reach the canvas's own (SDL
  // listens on the window, and keeps Tab for itself); Esc does what it does there.
  ['keydown', 'keyup', 'keypress'].forEach(function (type) {
    addEventListener(type, function (e) {
      var ours = e.target.closest && e.target.closest('#a11y,#skip');
      if (!ours && e.key !== 'Tab') return;
      e.stopPropagation();
      if (ours && type === 'keydown' && e.key === 'Escape') { run('escape'); refresh(); }
    }, true);
  });
  // The keyboard's item: named over the map, and a country or event marked on it.
  function mark(kind, key) { Module.ccall('steppe_focus', 'number', ['string', 'string'], [kind, key]); }
  mirror.addEventListener('focusin', function (e) {
    var t = e.target, k = t.dataset.kind, h = docBox.querySelector('h2');
    note.textContent = t === docBox ? 'Panel: ' + (h ? h.textContent : 'nothing selected')
      : t.labels && t.labels.length ? t.labels[0].textContent.trim() + (t.value ? ': ' + t.value : '') : t.textContent;
    note.classList.remove('hidden');
    mark(k === 'country' || k === 'event' ? k : '', k ? t.dataset.key : '');
  });
  mirror.addEventListener('focusout', function (e) {
    if (mirror.contains(e.relatedTarget)) return;
    note.classList.add('hidden');
    mark('', '');
  });
  // A release (a click's end) runs a frame in its own event, after SDL's
  // handlers have queued it (window, bubbling: last), not at the next
  // animation frame: the selection shows up to a frame sooner.
  ['mouseup', 'touchend'].forEach(function (type) {
    addEventListener(type, function () { if (api.readyAt) Module._steppe_frame_now(); });
  });
  // --- embedded in another page --------------------------------------------------
  var embedded = window.parent !== window, hint = $('wheel-hint'), hintTimer = 0;
  function tell(what, s, to) {
    if (embedded) (to || window.parent).postMessage({ steppeAtlas: what, kind: s.selectionKind, key: s.selection,
      name: s.selectionName, hash: s.hash }, '*');
  }
  // Messages are untrusted: only these shapes, and the state string is checked by the C side.
  addEventListener('message', function (e) {
    var m = e.data, what = m && typeof m === 'object' ? m.steppeAtlas : null;
    if (!api.readyAt || typeof what !== 'string') return;
    if (what === 'open' && typeof m.state === 'string' && m.state.length < 2000) {
      history.replaceState(null, '', '#' + m.state.replace(/^#/, ''));
      applyHash();
    } else if (what === 'select' && typeof m.kind === 'string' && typeof m.key === 'string') {
      api.select(m.kind, m.key.slice(0, 200));
    } else if (what !== 'state') return;
    if (e.source) tell('state', api.state(), e.source);
  });
  // The wheel scrolls the host page unless the map has the focus or Ctrl/Cmd is held (and then says so).
  function say(text) {
    hint.textContent = text;
    hint.classList.remove('hidden');
    clearTimeout(hintTimer);
    hintTimer = setTimeout(function () { hint.classList.add('hidden'); }, 1500);
  }
  if (embedded) {
    addEventListener('wheel', function (e) {
      if (e.target !== canvas || e.ctrlKey || e.metaKey || (document.hasFocus() && document.activeElement === canvas)) return;
      e.stopPropagation();
      say('Use ' + (/Mac|iP/.test(navigator.platform) ? '⌘' : 'Ctrl') + ' + scroll to zoom the map');
    }, { capture: true, passive: true });
    // Touch, as MapLibre's cooperative gestures: one finger scrolls the host
    // page (the browser pans it: touch-action), two move and pinch the map.
    // A one-finger gesture never reaches SDL; a tap still arrives as the
    // browser's mouse events, so it selects. Two fingers go through whole,
    // until every finger has lifted.
    canvas.classList.add('cooperative');
    var twoFingers = false;
    ['touchstart', 'touchmove', 'touchend', 'touchcancel'].forEach(function (type) {
      addEventListener(type, function (e) {
        if (e.target !== canvas) return;
        if (e.touches.length >= 2) twoFingers = true;
        var through = twoFingers;
        if (!e.touches.length) twoFingers = false;
        if (through) return;
        e.stopPropagation();
        if (type === 'touchmove') say('Use two fingers to move the map');
      }, { capture: true, passive: true });
    });
  }

  // Reduced motion: flights become cuts, now and when the setting changes.
  function applyMotion() { run('reduced-motion', motionQuery.matches ? 1 : 0); }
  motionQuery.addEventListener('change', applyMotion);
  // A dark system scheme opens the dark theme unless the URL names a theme
  // (js_initial_hash asks), and follows the scheme while it does not.
  var urlTheme = /(^|[#&])theme=/.test(location.hash);
  function withScheme(h) { return urlTheme || !darkQuery.matches ? h : (h ? h + '&' : '') + 'theme=dark'; }
  darkQuery.addEventListener('change', function () {
    if (urlTheme || api.state().theme === 'high-contrast') return;
    Module.ccall('steppe_set_theme', 'number', ['string'], [darkQuery.matches ? 'dark' : 'default']);
  });

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
  // Why ?bundle= gave nothing: the atlas shows it as its notice (web_main.c
  // asks js_custom_bundle_problem), like a bundle that fails to open.
  function bundleProblem(why) {
    console.warn('steppe: could not load ' + bundleParam + ': ' + why);
    Module.steppeBundleProblem = 'Could not load ' + bundleParam + ': ' + why;
  }
  var preRun = [];
  if (bundleParam) {
    preRun.push(function () {
      var url;
      try { url = new URL(bundleParam, location.href); } catch (e) { url = null; }
      // A page opened from a file (the single-file build on a USB stick) may
      // not read other files: the browser forbids it, so it is not tried.
      if (location.protocol === 'file:') {
        bundleProblem('a page opened from a file cannot read another file. Drop the .bundle file onto the map instead');
        return;
      }
      if (!url || url.origin !== location.origin) {
        bundleProblem(url ? 'it is not on this site (only bundles beside the page open)' : 'not a valid address');
        return;
      }
      Module.addRunDependency('bundle');
      fetch(url.href).then(function (r) {
        if (!r.ok) throw new Error(r.status + (r.statusText ? ' ' + r.statusText : ''));
        return counted(r, 'bundle').arrayBuffer();
      }).then(function (buf) {
        Module.steppeBundle = new Uint8Array(buf);
        Module.steppeBundleName = url.pathname.split('/').pop();
      }).catch(function (e) {
        bundleProblem(/fetch|network/i.test(e.message) ? 'the network failed (' + e.message + ')' : e.message);
      }).then(function () { Module.removeRunDependency('bundle'); });
    });
  }

  // --- loading: bytes received of total, then the map ----------------------------
  // The code (atlas.wasm, named by index.html's preload link) and a ?bundle=
  // are fetched through counted(); #status shows the sum. api.progress keeps
  // every step ({part, loaded, total}; total 0 when the server does not say).
  var progressBar = document.getElementById('status-progress'), parts = {};
  api.progress = [];
  function showProgress(part, loaded, total) {
    parts[part] = { loaded: loaded, total: total };
    api.progress.push({ part: part, loaded: loaded, total: total });
    if (statusBox.classList.contains('error')) return;
    var sum = 0, all = 0, known = true;
    Object.keys(parts).forEach(function (k) { sum += parts[k].loaded; all += parts[k].total; known = known && parts[k].total > 0; });
    // Thousands grouped by hand: the first toLocaleString() of a page sets up
    // its locale data, 15-30 ms of the first load in Chromium (issue 15).
    var kb = function (n) { return String(Math.round(n / 1024)).replace(/\B(?=(\d{3})+$)/g, ',') + ' KB'; };
    progressBar.hidden = false;
    statusBox.setAttribute('aria-busy', 'true'); // the figures are not read out one by one
    if (known) { progressBar.max = all; progressBar.value = Math.min(sum, all); }
    else progressBar.removeAttribute('value');
    statusText.textContent = 'Loading the atlas… ' + kb(sum) + (known ? ' of ' + kb(all) : ' received');
  }
  // The same response, its body counted as it arrives. A compressed response's
  // length is not the length of what it delivers: its total is then unknown.
  function counted(response, part) {
    if (!response.body || typeof ReadableStream !== 'function') return response;
    var encoding = response.headers.get('content-encoding');
    var total = encoding && encoding !== 'identity' ? 0 : +response.headers.get('content-length') || 0;
    var reader = response.body.getReader(), loaded = 0;
    showProgress(part, 0, total);
    return new Response(new ReadableStream({
      pull: function (c) {
        return reader.read().then(function (r) {
          if (r.done) { showProgress(part, loaded, total || loaded); c.close(); return; }
          loaded += r.value.byteLength;
          showProgress(part, loaded, total);
          c.enqueue(r.value);
        });
      },
      cancel: function (why) { return reader.cancel(why); }
    }), { status: response.status, statusText: response.statusText, headers: response.headers });
  }
  // Emscripten's hook: the page fetches and compiles the code itself (while it
  // downloads, where the server says application/wasm), to count it. The
  // compile starts here, before the WebGL probe below and before the glue
  // (atlas.js) has run: V8 compiles off the main thread meanwhile, and the
  // glue's call only adds its imports (issue 15, the first frame).
  var wasmLink = document.querySelector('link[rel=preload][as=fetch]');
  if (wasmLink && !/\.wasm$/.test(wasmLink.getAttribute('href'))) wasmLink = null;
  var wasmFile = wasmLink && wasmLink.getAttribute('href');
  var compiled = wasmFile && fetch(wasmFile, { credentials: 'same-origin' }).then(function (r) {
    if (!r.ok) throw new Error(r.status + (r.statusText ? ' ' + r.statusText : ''));
    var body = counted(r, 'code');
    if (/^application\/wasm/.test(r.headers.get('content-type') || '') && WebAssembly.compileStreaming)
      return WebAssembly.compileStreaming(body);
    return body.arrayBuffer().then(function (b) { return WebAssembly.compile(b); });
  });
  if (compiled) compiled.catch(function () {}); // reported when the glue asks for it
  function instantiateWasm(imports, receive) {
    compiled.then(function (module) {
      return WebAssembly.instantiate(module, imports).then(function (instance) { return [instance, module]; });
    }).then(function (made) { receive(made[0], made[1]); }, function (e) {
      fail('Could not load the atlas (' + wasmFile + '): ' + e.message + '. Check the connection and reload the page.');
    });
    return {};
  }
  // After the compile has started: under SwiftShader the probe's WebGL context costs 20-30 ms.
  api.renderer = chooseRenderer();

  window.Module = {
    instantiateWasm: wasmLink ? instantiateWasm : undefined,
    preRun: preRun,
    canvas: canvas,
    steppeRenderer: api.renderer,
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    onRuntimeInitialized: function () { lastW = lastH = lastDpr = 0; },
    postRun: [function () { syncSize(); }],
    onAbort: function (what) { fail('The atlas stopped unexpectedly: ' + what); },
    locateFile: function (path) { return path; },
    steppeChanged: refresh,
    steppeWithScheme: withScheme
  };
  window.addEventListener('resize', syncSize);

  // WebGL context loss (a GPU reset, a driver update): said over the map, which
  // comes back by itself, as it was, when the browser restores the context
  // (web_main.c). Refusing the event's default is what lets it be restored.
  function watchWebglContext() {
    canvas.addEventListener('webglcontextlost', function (e) {
      e.preventDefault();
      if (!Module.calledRun) return;
      Module._steppe_context_lost();
      statusBox.classList.remove('hidden');
      progressBar.hidden = true;
      statusText.textContent = 'The graphics were reset (the browser lost the map\'s WebGL drawing). ' +
        'The map comes back by itself in a moment, as it was; if it does not, reload the page: its address keeps what you see.';
    });
    canvas.addEventListener('webglcontextrestored', function () {
      if (!Module.calledRun) return;
      if (Module._steppe_context_restored()) { statusBox.classList.add('hidden'); refresh(); }
      else fail('The map could not be drawn again after the graphics were reset. Please reload the page: its address keeps what you see.');
    });
  }
  if (api.renderer === 'webgl') watchWebglContext();
  // Back/forward and edited hashes: the state string is untrusted input; the C
  // side applies what it understands and ignores the rest.
  function applyHash() {
    if (Module.calledRun && Module._steppe_apply_hash) Module.ccall('steppe_apply_hash', null, ['string'], [location.hash]);
    refresh();
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
  // SDL refuses the mousedown's default, focus included: a press on the map gives it the keyboard.
  canvas.addEventListener('pointerdown', function () { canvas.focus(); });
  ['pointermove', 'pointerdown', 'pointerup'].forEach(function (type) {
    canvas.addEventListener(type, reportPointer, { capture: true, passive: true });
  });
  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  if (!embedded) canvas.focus(); // framed, the host page keeps the focus until the map is clicked
})();

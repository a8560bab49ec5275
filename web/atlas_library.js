/* The page JavaScript the C platform calls (src/platform/web.h), linked into
 * atlas.js with emcc --js-library. Kept here, with web/steppe.js, rather than
 * as EM_JS strings in C: it is the page's code and reads as JavaScript. */
mergeInto(LibraryManager.library, {
  /* A teacher's bundle named by ?bundle=URL is fetched by steppe.js before
   * main runs (same origin only); these hand its bytes over. */
  js_custom_bundle_size: function () {
    return Module.steppeBundle ? Module.steppeBundle.length : 0;
  },
  js_custom_bundle_copy: function (dst) {
    HEAPU8.set(Module.steppeBundle, dst);
    Module.steppeBundle = null;
  },
  js_custom_bundle_name: function (dst, size) {
    stringToUTF8(Module.steppeBundleName || 'bundle', dst, size);
  },
  /* Why the ?bundle= named could not be fetched ("Could not load NAME: 404
   * Not Found"); 0 if it was, or none was named. */
  js_custom_bundle_problem: function (dst, size) {
    var m = Module.steppeBundleProblem;
    if (!m) return 0;
    stringToUTF8(m, dst, size);
    return 1;
  },
  js_wants_software: function () {
    return Module.steppeRenderer === 'software' ? 1 : 0;
  },
  /* Shows the software frame: one copy of the surface's bytes into the
   * canvas. The ImageData is a view of wasm memory, so nothing else is copied. */
  /* memcpy and memset of 512 bytes and more (src/platform/web_memory.c). */
  js_copy_bytes: function (dst, src, n) {
    HEAPU8.copyWithin(dst >>> 0, src >>> 0, (src >>> 0) + (n >>> 0));
  },
  js_fill_bytes: function (dst, value, n) {
    HEAPU8.fill(value & 255, dst >>> 0, (dst >>> 0) + (n >>> 0));
  },
  /* The part x, y, dw, dh of the frame (web_main.c, present_software). */
  js_present_pixels: function (pixels, w, h, x, y, dw, dh) {
    var c = Module.canvas;
    if (!Module.steppeCtx2d) Module.steppeCtx2d = c.getContext('2d', { alpha: false });
    var ctx = Module.steppeCtx2d;
    if (!ctx) return;
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; x = 0; y = 0; dw = w; dh = h; }
    ctx.putImageData(new ImageData(new Uint8ClampedArray(HEAPU8.buffer, pixels, w * h * 4), w, h), 0, 0, x, y, dw, dh);
  },
  /* Resolves window.steppeAtlas.ready after the first full map frame. */
  js_first_frame_done: function () {
    if (typeof window.steppeAtlasFirstFrame === 'function') window.steppeAtlasFirstFrame();
  },
  /* A new selection is a new history entry; anything else replaces it. */
  js_publish_hash: function (hash, push) {
    var s = UTF8ToString(hash), h = s ? '#' + s : '';
    if (location.hash !== h) {
      /* An empty state (the home view) leaves no bare '#' behind. */
      var url = s ? h : location.pathname + location.search;
      if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
    }
    /* The screen-reader mirror follows (web/steppe.js). */
    if (Module.steppeChanged) Module.steppeChanged();
  },
  /* The hash, plus the dark theme where the system prefers it and the URL
   * names no theme (web/steppe.js). */
  js_initial_hash: function (out, size) {
    var h = location.hash.replace(/^#/, '');
    stringToUTF8(Module.steppeWithScheme ? Module.steppeWithScheme(h) : h, out, size);
  },
  /* The page's own address (from file:// too, whose origin is "null"), this state as its hash. */
  js_copy_link: function (hash) {
    var url = location.href.split('#')[0] + '#' + UTF8ToString(hash);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).catch(function () {});
  },
  js_copy_text: function (text) {
    var s = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(s).catch(function () {});
  },
  /* The page, not the canvas alone, goes fullscreen: the DOM mirror and
   * any hint stay with it. */
  js_toggle_fullscreen: function () {
    var d = document;
    if (d.fullscreenElement) { if (d.exitFullscreen) d.exitFullscreen().catch(function () {}); }
    else if (d.documentElement.requestFullscreen) d.documentElement.requestFullscreen().catch(function () {});
  },
  /* Named here from the local time (steppe-atlas-YYYYMMDD-HHMMSS.png): the
   * C side's strftime would link Emscripten's whole JavaScript strftime. */
  js_download_canvas: function (x, y, w, h) {
    var d = new Date(), two = function (n) { return (n < 10 ? '0' : '') + n; };
    var file = 'steppe-atlas-' + d.getFullYear() + two(d.getMonth() + 1) + two(d.getDate()) + '-' +
      two(d.getHours()) + two(d.getMinutes()) + two(d.getSeconds()) + '.png';
    /* A copy of the figure's part of the canvas, taken now: the frame for the
     * screen is drawn over it before this task ends. */
    var figure = document.createElement('canvas');
    figure.width = w;
    figure.height = h;
    figure.getContext('2d').drawImage(Module.canvas, x, y, w, h, 0, 0, w, h);
    figure.toBlob(function (blob) {
      if (!blob) return;
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = file;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }, 'image/png');
  }
});

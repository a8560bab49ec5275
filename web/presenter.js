/* The presenter view: index.html?presenter opens on the teacher's laptop
 * while the projector shows the atlas. It shows the tour's current stop, its
 * slide and the teacher's notes, the next stop and an elapsed-time clock,
 * and steps the tour with the same keys (arrows, Space, Enter, PageUp and
 * PageDown). It talks to the atlas window over a BroadcastChannel (same
 * origin), and runs no atlas of its own. Built with DOM APIs only (the page's
 * CSP allows no inline script or style). */
'use strict';
(function () {
  if (!new URLSearchParams(location.search).has('presenter')) return;
  window.steppePresenter = true; // steppe.js then leaves the atlas unstarted
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('steppe-atlas-presenter') : null;
  var started = Date.now(), view = null;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function build() {
    document.body.textContent = '';
    document.body.className = 'presenter';
    var root = el('main', 'presenter-main');
    root.setAttribute('aria-label', 'Presenter view');
    var bar = el('div', 'presenter-bar');
    var prev = el('button', '', '‹ Previous'), next = el('button', '', 'Next ›'), clock = el('span', 'presenter-clock', '0:00');
    prev.type = next.type = 'button';
    prev.addEventListener('click', function () { step(-1); });
    next.addEventListener('click', function () { step(1); });
    bar.append(prev, next, clock);
    var where = el('p', 'presenter-where', channel ? 'Waiting for the atlas window…' : 'This browser cannot link the two windows (no BroadcastChannel).');
    var now = el('h1', 'presenter-now'), text = el('p', 'presenter-text');
    var notesHead = el('h2', '', 'Notes for the teacher'), notes = el('p', 'presenter-notes');
    var upcoming = el('p', 'presenter-next');
    root.append(bar, where, now, text, notesHead, notes, upcoming);
    document.body.append(root);
    document.title = 'Presenter — Steppe Atlas';
    view = { where: where, now: now, text: text, notes: notes, upcoming: upcoming, clock: clock };
  }
  function show(d) {
    window.steppePresenterState = d;
    if (!d) {
      view.where.textContent = 'No tour is playing in the atlas window: press t there to choose one.';
      view.now.textContent = view.text.textContent = view.notes.textContent = view.upcoming.textContent = '';
      return;
    }
    view.where.textContent = d.title + ' · ' + d.stop + ' / ' + d.stops;
    view.now.textContent = d.current.title;
    view.text.textContent = d.current.text;
    view.notes.textContent = d.current.notes || '(No notes for this stop.)';
    view.upcoming.textContent = d.next ? 'Next: ' + d.next : 'This is the last stop.';
  }
  function step(dir) { if (channel) channel.postMessage({ type: 'step', dir: dir }); }
  function tick() {
    var s = Math.floor((Date.now() - started) / 1000);
    view.clock.textContent = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }
  document.addEventListener('DOMContentLoaded', function () {
    build();
    setInterval(tick, 1000);
    if (!channel) return;
    channel.onmessage = function (e) {
      var m = e.data;
      if (m && typeof m === 'object' && m.type === 'stop') show(m.data && typeof m.data === 'object' ? m.data : null);
    };
    channel.postMessage({ type: 'hello' });
  });
  document.addEventListener('keydown', function (e) {
    if (e.target && e.target.tagName === 'BUTTON' && (e.key === 'Enter' || e.key === ' ')) return; // the button's own click
    var forward = ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter'], back = ['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'];
    if (forward.indexOf(e.key) >= 0) { step(1); e.preventDefault(); } else if (back.indexOf(e.key) >= 0) { step(-1); e.preventDefault(); }
  });
})();

// Phones: the search box as a real <input> (#search-input), so a tap raises the
// keyboard. How it works: src/ui/search_box.h. steppeAtlas.search(): web_api.c.
'use strict';
(function () {
  var api = window.steppeAtlas, canvas = document.getElementById('canvas');
  var input = document.getElementById('search-input'), list = document.getElementById('search-results');
  if (!api || !input) return;
  var last = {}, box = null, pressed = false, utf8 = new TextEncoder();
  function ready() { return api.readyAt; }
  api.search = function () { return JSON.parse(Module.UTF8ToString(Module._steppe_search_json())); };
  function key(what) { return Module.ccall('steppe_search_key', 'number', ['string'], [what]) === 1; }
  function at(i) { return utf8.encode(input.value.slice(0, i)).length; }
  function send() {
    if (!ready() || document.activeElement !== input) return;
    var v = input.value, a = input.selectionStart, b = input.selectionEnd, back = input.selectionDirection === 'backward';
    Module.ccall('steppe_search_text', null, ['string', 'number', 'number'], [v, at(back ? a : b), at(back ? b : a)]);
    var q = api.search().query;
    if (q !== v) input.value = q;
  }
  function px(n) { return n + 'px'; }
  function follow() {
    requestAnimationFrame(follow);
    if (!ready()) return;
    var s = box = api.search(), st = input.style, pos = [s.x, s.y, s.w, s.h, s.shown] + '', mine = document.activeElement === input;
    if (pos !== last.pos) {
      last.pos = pos;
      input.hidden = !s.shown;
      st.left = px(s.x); st.top = px(s.y); st.width = px(s.w); st.height = px(s.h);
      st.paddingLeft = px(12 * s.scale);
      st.fontSize = px(Math.max(16, s.fontPx)); // the canvas's query size; iOS zooms into fields under 16 px
    }
    if (mine && !s.focused) { input.value = ''; input.blur(); }
    var rows = mine ? s.results : [], names = rows.map(function (r) { return r.label; }) + '';
    if (names !== last.names) {
      last.names = names;
      list.replaceChildren.apply(list, rows.map(function (r, i) {
        var li = document.createElement('li');
        li.id = 'search-result-' + i;
        li.setAttribute('role', 'option');
        li.textContent = r.label + ', ' + r.kind;
        return li;
      }));
      input.setAttribute('aria-expanded', rows.length > 0);
    }
    var hl = rows.length && s.highlighted >= 0 ? 'search-result-' + s.highlighted : '';
    if (hl) input.setAttribute('aria-activedescendant', hl); else input.removeAttribute('aria-activedescendant');
  }
  function touch() {
    if (last.on) return;
    last.on = true;
    document.documentElement.classList.add('touch-input');
    follow();
  }
  if (matchMedia('(pointer: coarse)').matches) touch();
  function onBox(e) {
    var r = canvas.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top;
    return box && box.shown && x >= box.x && y >= box.y && x < box.x + box.w && y < box.y + box.h;
  }
  document.addEventListener('click', function (e) {
    if (last.on && e.target.closest && e.target.closest('[data-act=search]')) { e.stopPropagation(); input.focus(); }
  }, true);
  canvas.addEventListener('pointerdown', function (e) {
    if (e.pointerType !== 'touch') return;
    touch();
    if (ready()) box = api.search();
    pressed = onBox(e);
  });
  canvas.addEventListener('pointerup', function (e) {
    if (pressed && onBox(e)) input.focus();
    pressed = false;
  });
  input.addEventListener('focus', function () {
    if (!ready()) return;
    var c = api.themeColors(api.state().theme);
    ['text', 'muted'].forEach(function (k) { input.style.setProperty('--search-' + k, 'rgb(' + c['panel_' + k].slice(0, 3) + ')'); });
    input.value = api.search().query;
    send();
  });
  ['input', 'select', 'pointerup'].forEach(function (t) { input.addEventListener(t, send); });
  input.addEventListener('blur', function (e) { if (ready()) key(e.relatedTarget === canvas ? 'detach' : 'close'); });
  ['keydown', 'keyup', 'keypress'].forEach(function (type) {
    addEventListener(type, function (e) {
      if (e.target !== input) return;
      e.stopPropagation();
      if (type === 'keyup') send();
      var k = type === 'keydown' && !e.isComposing && ready() && { Enter: 'enter', ArrowUp: 'up', ArrowDown: 'down', Escape: 'close' }[e.key];
      if (!k) return;
      e.preventDefault();
      if (key(k) && k === 'enter' || k === 'close') { input.value = ''; input.blur(); }
    }, true);
  });
  list.addEventListener('click', function (e) {
    var r = box && box.results[+e.target.id.slice(14)];
    if (r && ready()) { key('close'); api.select(r.kind, r.key); }
  });
})();

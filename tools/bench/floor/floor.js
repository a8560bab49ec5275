// The floor page's whole behaviour (see index.html): a linear "projection"
// of the region onto the window, and a selection set in the click event.
'use strict';
(() => {
  const canvas = document.getElementById('map');
  const ctx = canvas.getContext('2d');
  let selection = null;
  const paint = () => {
    canvas.width = innerWidth; canvas.height = innerHeight;
    ctx.fillStyle = selection ? '#c33' : '#ddd';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  // lon 45..90 °E and lat 30..56 °N across the window
  const project = (lonDeg, latDeg) => [(lonDeg - 45) / 45 * innerWidth, (56 - latDeg) / 26 * innerHeight];
  canvas.addEventListener('click', () => { selection = 'KAZ'; paint(); });
  paint();
  const readyAt = performance.now();
  window.steppeAtlas = { ready: Promise.resolve(), readyAt, project, state: () => ({ selection }) };
})();

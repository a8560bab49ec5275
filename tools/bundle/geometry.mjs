// Map geometry for the bundle: Natural Earth 1:50m countries (world-atlas),
// simplified with a weight that keeps full detail in Central Asia and thins
// out with distance, projected with the atlas's Albers conic (d3-geo, which
// also cuts polygons at the antimeridian of the projection, 68 - 180 = -112°),
// then triangulated with earcut.
//
// Simplification is Visvalingam per topology arc (topojson-simplify), so a
// border shared by two countries is simplified once and stays identical on
// both sides: no slivers or gaps between neighbours at any zoom.

import { geoConicEqualArea, geoStream, geoDistance, geoArea } from 'd3-geo';
import { feature, neighbors } from 'topojson-client';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import earcut from 'earcut';
import polylabel from 'polylabel';
import { featureAlpha3 } from './iso3166.mjs';

export const PROJECTION = {
  name: 'Albers equal-area conic, 68°E, parallels 38°N and 52°N, origin 45°N (unit sphere, y south)',
  lon0: 68, lat0: 45, lat1: 38, lat2: 52,
};

/** The atlas projection: world units, x east, y south (d3's y is already downwards). */
export function makeProjection() {
  return geoConicEqualArea()
    .parallels([PROJECTION.lat1, PROJECTION.lat2])
    .rotate([-PROJECTION.lon0, 0])
    .center([0, PROJECTION.lat0])
    .scale(1)
    .translate([0, 0])
    .precision(0);
}

// --- tuning -----------------------------------------------------------------
// A point survives simplification if its Visvalingam triangle (in steradians,
// which equal world units² since the projection is equal-area) is larger than
// the local threshold. The threshold grows with the great-circle distance d
// from the focus, interpolated log-linearly between the (degrees, steradians)
// pairs below: 1e-9 sr (≈ 0.04 km²: all of the 1:50m data) in and around the five
// Central Asian states, ≈ 1 pixel at the home view for the neighbours, coarse
// on the far side of the world.
export const GEOMETRY_PARAMS = {
  focus: [67, 45],          // lon, lat: the middle of the five Central Asian states
  // the five states lie within 14.4° of the focus
  thresholds: [[15, 1e-9], [18, 2e-7], [24, 1e-6], [30, 4e-6], [45, 2.5e-5], [70, 1e-4], [180, 2e-4]],
  islandFactor: 40,         // an island is dropped if its area < islandFactor × threshold
  polarPrecision: 0.003,    // world units, resampling for polar rings only
};

const RAD = Math.PI / 180;

/** The simplification threshold (steradians) at lon/lat. */
export function thresholdAt(lon, lat, p = GEOMETRY_PARAMS) {
  const d = geoDistance([lon, lat], p.focus) / RAD;
  const t = p.thresholds;
  if (d <= t[0][0]) return t[0][1];
  for (let i = 1; i < t.length; i++) {
    if (d <= t[i][0]) {
      const f = (d - t[i - 1][0]) / (t[i][0] - t[i - 1][0]);
      return Math.exp(Math.log(t[i - 1][1]) * (1 - f) + Math.log(t[i][1]) * f);
    }
  }
  return t[t.length - 1][1];
}

/** Shoelace area in world units (positive = clockwise on screen, y down). */
export function ringArea(r) {
  let s = 0;
  for (let i = 0, n = r.length, j = n - 1; i < n; j = i++) s += r[j][0] * r[i][1] - r[i][0] * r[j][1];
  return s / 2;
}

function pointInRing(x, y, r) {
  let inside = false;
  for (let i = 0, n = r.length, j = n - 1; i < n; j = i++) {
    const [xi, yi] = r[i], [xj, yj] = r[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a ring, alone, encloses less than half the sphere (d3's winding rule). */
function isSmallRing(ring) {
  return geoArea({ type: 'Polygon', coordinates: [ring] }) <= 2 * Math.PI;
}

/** Degrees of longitude from a ring's westernmost point to its easternmost. */
function lonSpan(ring) {
  let west = Infinity, east = -Infinity;
  for (const p of ring) { west = Math.min(west, p[0]); east = Math.max(east, p[0]); }
  return east - west;
}

function cleanRing(points) {
  const out = [];
  for (const p of points) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

/** Projects one GeoJSON polygon (lon/lat rings) through d3's stream (with
 *  antimeridian clipping); returns projected polygons [[outer, ...holes], ...]. */
function projectPolygon(projection, coordinates) {
  const rings = [];
  let cur = null;
  const sink = {
    point(x, y) { cur.push([x, y]); },
    lineStart() { cur = []; },
    lineEnd() { rings.push(cur); cur = null; },
    polygonStart() {},
    polygonEnd() {},
    sphere() { throw new Error('sphere in country geometry'); },
  };
  geoStream({ type: 'Polygon', coordinates }, projection.stream(sink));
  const cleaned = rings.map(cleanRing).filter((r) => r.length >= 3 && ringArea(r) !== 0);
  if (!cleaned.length) return [];
  const unclipped = cleaned.length === coordinates.length &&
    cleaned.every((r, i) => r.length === cleanRing(coordinates[i]).length);
  const largest = cleaned.reduce((a, r) => (Math.abs(ringArea(r)) > Math.abs(ringArea(a)) ? r : a));
  if (unclipped && largest === cleaned[0]) {
    // same structure as the input: ring 0 is the outer ring
    return [orient(cleaned)];
  }
  // clipped: classify by winding relative to the largest ring, then nest holes
  let big = cleaned[0];
  for (const r of cleaned) if (Math.abs(ringArea(r)) > Math.abs(ringArea(big))) big = r;
  const outerSign = Math.sign(ringArea(big));
  const outers = cleaned.filter((r) => Math.sign(ringArea(r)) === outerSign).map((r) => [r]);
  for (const h of cleaned.filter((r) => Math.sign(ringArea(r)) !== outerSign)) {
    let best = null;
    for (const poly of outers) {
      if (pointInRing(h[0][0], h[0][1], poly[0]) &&
          (!best || Math.abs(ringArea(poly[0])) < Math.abs(ringArea(best[0])))) best = poly;
    }
    if (best) best.push(h);
  }
  return outers.map(orient);
}

/** Outer ring positive (clockwise on screen), holes negative. */
function orient(poly) {
  return poly.map((r, i) => {
    const a = ringArea(r);
    return (i === 0 ? a < 0 : a > 0) ? r.slice().reverse() : r;
  });
}

function polygonArea(poly) {
  return poly.reduce((s, r, i) => s + (i === 0 ? 1 : -1) * Math.abs(ringArea(r)), 0);
}

/**
 * Builds the country geometry of the whole world.
 * Returns { countries: [{ iso3, name, polygons: [{rings, coast: [bool], shared}], area, neighbours:Set<key> }] }
 * keyed by `key` (iso3, or "name:<name>" for features without a code).
 */
export function buildWorldGeometry(topology, params = GEOMETRY_PARAMS) {
  const projection = makeProjection();
  const polarProjection = makeProjection().precision(params.polarPrecision);
  const geoms = topology.objects.countries.geometries;

  // which arcs are shared (used by more than one feature)
  const arcUse = new Map();
  const noteArcs = (geom, gi) => {
    const polys = geom.type === 'Polygon' ? [geom.arcs] : geom.type === 'MultiPolygon' ? geom.arcs : [];
    for (const poly of polys) for (const ring of poly) for (let a of ring) {
      if (a < 0) a = ~a;
      if (!arcUse.has(a)) arcUse.set(a, new Set());
      arcUse.get(a).add(gi);
    }
  };
  geoms.forEach(noteArcs);
  const shared = (a) => arcUse.get(a < 0 ? ~a : a).size > 1;

  // weights in units of the local threshold: keep a point iff weight >= 1
  const weight = (tri) => sphericalTriangleArea(tri) / thresholdAt(tri[1][0], tri[1][1], params);
  const MIN_WEIGHT = 1;
  const pre = presimplify(topology, weight);
  // Every ring keeps at least 3 distinct points: for rings that would
  // collapse (tiny islands, enclaves, microstates), promote the most important
  // remaining points of their arcs. Arcs are shared, so the neighbour's hole
  // (Italy around San Marino) stays identical to the enclave.
  const keptCount = (a) => pre.arcs[a].reduce((n, p) => n + (p[2] >= MIN_WEIGHT ? 1 : 0), 0);
  const eachRing = (fn) => {
    for (const g of geoms) {
      const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
      for (const poly of polys) for (const ring of poly) fn(ring.map((a) => (a < 0 ? ~a : a)));
    }
  };
  eachRing((arcs) => {
    let distinct = arcs.reduce((n, a) => n + keptCount(a) - 1, 0);
    while (distinct < 3) {
      let best = null;
      for (const a of arcs) for (const p of pre.arcs[a]) if (p[2] < MIN_WEIGHT && (!best || p[2] > best[2])) best = p;
      if (!best) break;
      best[2] = Infinity;
      distinct++;
    }
  });
  const repairs = repairIntersections(pre, MIN_WEIGHT);
  const simplified = simplify(pre, MIN_WEIGHT);

  // vertices on shared arcs (projected, exact keys) -> coast flag of rings
  const sharedKeys = new Set();
  simplified.arcs.forEach((arc, ai) => {
    if (!shared(ai)) return;
    for (const p of arc) {
      const q = projection(p);
      if (q) sharedKeys.add(q[0] + ',' + q[1]);
    }
  });

  const byKey = new Map();
  const keyOfGeom = [];
  geoms.forEach((g, gi) => {
    const iso3 = featureAlpha3(g);
    if (iso3 === undefined) throw new Error(`world-atlas feature ${g.id} "${g.properties.name}" has no ISO 3166-1 mapping (tools/bundle/iso3166.mjs)`);
    const key = iso3 || 'name:' + g.properties.name;
    keyOfGeom[gi] = key;
    if (!byKey.has(key)) byKey.set(key, { key, iso3, name: g.properties.name, parts: [], polygons: [], area: 0, neighbours: new Set() });
    const c = byKey.get(key);
    const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
    for (const arcs of polys) c.parts.push({ arcs, geomName: g.properties.name });
  });

  for (const c of byKey.values()) {
    const nameArea = new Map();
    const candidates = [];
    for (const part of c.parts) {
      const isShared = part.arcs.some((ring) => ring.some(shared));
      const obj = { type: 'Polygon', arcs: part.arcs };
      // 1:10m only: a few islets of the Maldives are wound backwards, which d3
      // reads as the rest of the sphere; an outer ring spanning under 180° of
      // longitude cannot be that, so it is turned round (Antarctica's ring
      // around the pole, 360°, stays as it is).
      const full = feature(topology, obj).geometry.coordinates
        .map((r, i) => (i === 0 && !isSmallRing(r) && lonSpan(r) < 180 ? [...r].reverse() : r));
      // 1:10m only: world-atlas's quantisation leaves a few islets (atolls of
      // the Maldives, Vatican) as rings of zero area in lon/lat (points on one
      // line), which d3 would take for the whole sphere; such a part is skipped.
      if (ringArea(full[0]) === 0) continue;
      // Simplification can reverse a tiny ring's winding (Tuvalu at 1:10m),
      // which d3 would read as the rest of the sphere: a ring keeps the
      // winding it has at full detail (a hole reads as large in both).
      const simple = feature(simplified, obj).geometry.coordinates
        .map((r, i) => (isSmallRing(r) === isSmallRing(full[i]) ? r : [...r].reverse()));
      // rings that collapsed to < 3 points are dropped (also Natural Earth's
      // zero-area sliver along the south pole in Antarctica)
      const coords = simple.filter((r) => cleanRing(r).length >= 3);
      // Rings reaching the poles (Antarctica): d3 closes them along the pole,
      // which this conic maps to a long arc, not a point; with precision(0) that
      // arc would become a chord across the map, so resample those.
      const polar = full.some((r) => r.some((p) => Math.abs(p[1]) > 85));
      const proj = polar ? polarProjection : projection;
      const projected = coords.length ? projectPolygon(proj, coords) : [];
      const projectedFull = projectPolygon(proj, full);
      const areaFull = projectedFull.reduce((s, p) => s + polygonArea(p), 0);
      // weighted size of the part, at its first vertex
      const threshold = thresholdAt(full[0][0][0], full[0][0][1], params);
      candidates.push({ projected, projectedFull, areaFull, weighted: areaFull / threshold, isShared, geomName: part.geomName });
      nameArea.set(part.geomName, (nameArea.get(part.geomName) || 0) + areaFull);
    }
    // keep: every part that touches a neighbour (enclaves!), and islands big enough
    let kept = candidates.filter((k) => k.projected.length && (k.isShared || k.weighted >= params.islandFactor));
    if (!kept.length && candidates.length) {
      // a small island state: keep its largest part (at full detail if the
      // simplified one collapsed)
      const best = candidates.reduce((a, b) => (b.areaFull > a.areaFull ? b : a));
      kept = [best.projected.length ? best : { ...best, projected: best.projectedFull }];
    }
    for (const k of kept) {
      for (const poly of k.projected) {
        c.polygons.push({
          rings: poly,
          coast: poly.map((r) => !r.some((p) => sharedKeys.has(p[0] + ',' + p[1]))),
        });
      }
    }
    c.area = candidates.reduce((s, k) => s + k.areaFull, 0);
    // name: the feature with the largest area (Australia, not Ashmore and Cartier Is.)
    let bestName = c.name, bestArea = -1;
    for (const [n, a] of nameArea) if (a > bestArea) { bestName = n; bestArea = a; }
    c.name = bestName;
    delete c.parts;
  }

  // adjacency: features sharing an arc
  const nb = neighbors(geoms);
  nb.forEach((list, gi) => {
    for (const gj of list) {
      const a = keyOfGeom[gi], b = keyOfGeom[gj];
      if (a !== b) byKey.get(a).neighbours.add(b);
    }
  });

  return [...byKey.values()];
}

/**
 * Simplification can make a segment cross another one (Italy's outline
 * crossing itself, or a border crossing its neighbour's coast). Finds every
 * pair of crossing simplified segments, in lon/lat, and restores the most
 * important removed point of each, until nothing crosses (or no removed
 * points are left to restore). Works on the presimplified arcs in place, so
 * shared borders stay shared. Returns the number of restored points.
 */
export function repairIntersections(pre, minWeight, maxRounds = 40) {
  let restored = 0;
  const CELL = 1; // degrees
  for (let round = 0; round < maxRounds; round++) {
    const segs = [];
    pre.arcs.forEach((arc, a) => {
      let prev = -1;
      for (let i = 0; i < arc.length; i++) {
        if (arc[i][2] >= minWeight) {
          // (segments jumping from +180 to -180 longitude wrap around; skip them)
          if (prev >= 0 && Math.abs(arc[i][0] - arc[prev][0]) <= 180) segs.push([a, prev, i]);
          prev = i;
        }
      }
    });
    const grid = new Map();
    segs.forEach((sg, si) => {
      const arc = pre.arcs[sg[0]], p = arc[sg[1]], q = arc[sg[2]];
      const x0 = Math.floor(Math.min(p[0], q[0]) / CELL), x1 = Math.floor(Math.max(p[0], q[0]) / CELL);
      const y0 = Math.floor(Math.min(p[1], q[1]) / CELL), y1 = Math.floor(Math.max(p[1], q[1]) / CELL);
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) {
        const k = x * 100000 + y;
        if (!grid.has(k)) grid.set(k, []);
        grid.get(k).push(si);
      }
    });
    const bad = new Set();
    const tested = new Set();
    for (const list of grid.values()) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const si = list[i], sj = list[j];
          const key = si < sj ? si * 1e6 + sj : sj * 1e6 + si;
          if (tested.has(key)) continue;
          tested.add(key);
          const A = segs[si], B = segs[sj];
          const p1 = pre.arcs[A[0]][A[1]], p2 = pre.arcs[A[0]][A[2]];
          const q1 = pre.arcs[B[0]][B[1]], q2 = pre.arcs[B[0]][B[2]];
          if (segmentsCross(p1, p2, q1, q2)) { bad.add(si); bad.add(sj); }
        }
      }
    }
    if (!bad.size) break;
    let changed = 0;
    for (const si of bad) {
      const [a, i0, i1] = segs[si];
      const arc = pre.arcs[a];
      let best = -1;
      for (let i = i0 + 1; i < i1; i++) if (best < 0 || arc[i][2] > arc[best][2]) best = i;
      if (best >= 0) { arc[best][2] = Infinity; changed++; }
    }
    restored += changed;
    if (!changed) break;
  }
  return restored;
}

function segmentsCross(p1, p2, q1, q2) {
  const same = (a, b) => a[0] === b[0] && a[1] === b[1];
  if (same(p1, q1) || same(p1, q2) || same(p2, q1) || same(p2, q2)) return false;
  const o = (a, b, c) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const d1 = o(p1, p2, q1), d2 = o(p1, p2, q2), d3 = o(q1, q2, p1), d4 = o(q1, q2, p2);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Triangulates a projected polygon [outer, ...holes]; returns indices relative to its first vertex. */
export function triangulate(poly) {
  const flat = [];
  const holes = [];
  for (let i = 0; i < poly.length; i++) {
    if (i > 0) holes.push(flat.length / 2);
    for (const p of poly[i]) flat.push(p[0], p[1]);
  }
  const tris = earcut(flat, holes.length ? holes : null, 2);
  const deviation = earcut.deviation(flat, holes.length ? holes : null, 2, tris);
  return { tris, deviation };
}

/** Pole of inaccessibility of a projected polygon, world units. */
export function labelPoint(poly) {
  const xs = poly[0].map((p) => p[0]), ys = poly[0].map((p) => p[1]);
  const size = Math.min(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  const p = polylabel(poly, Math.max(size / 200, 1e-6));
  return [p[0], p[1]];
}

export { polygonArea };

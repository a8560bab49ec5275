// The bundle's record layouts, transcribed from src/core/bundle_format.md
// (version 4). Shared by the writer (compile.mjs) and the reader
// (read_bundle.mjs); tests/content/format.test.mjs checks this file against
// the markdown tables so the two cannot drift apart silently.

export const MAGIC = 'SATL';
export const VERSION = 4;
export const HEADER_SIZE = 24;
export const SECTION_ENTRY_SIZE = 16;

// Field types: str (u32 offset into STRS), u32, u16, u8, f32, f32[4].
export const TYPE_SIZE = { str: 4, u32: 4, u16: 2, u8: 1, f32: 4, 'f32[4]': 16 };

export const LAYOUTS = {
  META: [
    ['title', 'str'], ['attribution', 'str'], ['projection_name', 'str'],
    ['proj_lon0_deg', 'f32'], ['proj_lat0_deg', 'f32'], ['proj_lat1_deg', 'f32'], ['proj_lat2_deg', 'f32'],
    ['world_bounds', 'f32[4]'], ['home_bounds', 'f32[4]'], ['built_from', 'str'],
  ],
  RING: [['vert_first', 'u32'], ['vert_count', 'u32'], ['country', 'u32'], ['flags', 'u32']],
  CTRY: [
    ['iso3', 'str'], ['name', 'str'], ['name_local', 'str'], ['profile', 'str'],
    ['capital', 'u32'], ['flags', 'u32'], ['color', 'u32'],
    ['label_x', 'f32'], ['label_y', 'f32'], ['label_rank', 'f32'], ['bbox', 'f32[4]'],
    ['ring_first', 'u32'], ['ring_count', 'u32'],
    ['area_rank', 'u32'],
  ],
  PLAC: [
    ['key', 'str'], ['name', 'str'], ['name_local', 'str'], ['alt_names', 'str'], ['kind', 'str'],
    ['country', 'u32'], ['lon_deg', 'f32'], ['lat_deg', 'f32'], ['x', 'f32'], ['y', 'f32'],
  ],
  ARTC: [
    ['key', 'str'], ['title', 'str'], ['author', 'str'], ['outlet', 'str'], ['date', 'str'],
    ['date_note', 'str'], ['summary', 'str'], ['key_points', 'str'], ['topics', 'str'], ['file', 'str'],
    ['reserved', 'u32'],
  ],
  EVNT: [
    ['key', 'str'], ['title', 'str'], ['summary', 'str'],
    ['year', 'u16'], ['month', 'u8'], ['day', 'u8'], ['precision', 'u8'], ['category', 'u8'], ['reserved', 'u16'],
    ['place', 'u32'], ['country_first', 'u32'], ['country_count', 'u32'],
    ['source_first', 'u32'], ['source_count', 'u32'],
  ],
  RELN: [
    ['key', 'str'], ['kind', 'str'], ['label', 'str'], ['group', 'str'],
    ['country_a', 'u32'], ['country_b', 'u32'], ['value', 'f32'], ['unit', 'str'],
    ['year', 'u16'], ['reserved', 'u16'], ['source_first', 'u32'], ['source_count', 'u32'],
  ],
  FIGR: [
    ['country', 'u32'], ['label', 'str'], ['value', 'str'], ['year', 'u16'], ['reserved', 'u16'],
    ['source_first', 'u32'], ['source_count', 'u32'], ['reserved2', 'u32'],
  ],
  SRCS: [['article', 'u32'], ['locator', 'str']],
  ENOT: [['place_note', 'str'], ['date_note', 'str']],
  TOUR: [['key', 'str'], ['title', 'str'], ['summary', 'str'], ['stop_first', 'u32'], ['stop_count', 'u32']],
  TSTP: [
    ['tour', 'u32'], ['title', 'str'], ['text', 'str'], ['notes', 'str'], ['state', 'str'],
    ['source_first', 'u32'], ['source_count', 'u32'],
  ],
  LIST: [['id', 'u32']],
};

export const RECORD_SIZE = Object.fromEntries(
  Object.entries(LAYOUTS).map(([tag, fields]) => [tag, fields.reduce((s, [, t]) => s + TYPE_SIZE[t], 0)]));

/** Section order in the file (the spec's order). STRS, FNTR and FNTB are blobs;
 *  VERT is packed (a varint stream, see packed.mjs), the rest tables. */
export const SECTION_ORDER = ['STRS', 'META', 'VERT', 'RING', 'CTRY', 'PLAC', 'ARTC', 'EVNT',
  'RELN', 'FIGR', 'SRCS', 'LIST', 'ENOT', 'TOUR', 'TSTP', 'FNTR', 'FNTB'];
/** Optional sections: written by the compiler, but a reader accepts a bundle
 *  without them (older version-2 bundles) and older readers ignore them. */
export const OPTIONAL = new Set(['ENOT', 'TOUR', 'TSTP']);
export const BLOBS = new Set(['STRS', 'FNTR', 'FNTB']);
export const PACKED = new Set(['VERT']);

export const CATEGORIES = ['diplomacy', 'security', 'trade', 'economy', 'politics', 'education',
  'environment', 'health', 'culture'];

export const RING_HOLE = 1;
export const RING_COAST = 2;
export const CTRY_CENTRAL_ASIA = 1;
export const CTRY_FOCUS = 2;
export const CTRY_HAS_GEOMETRY = 4;

// CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320), as zlib's crc32.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes, start = 0, end = bytes.length) {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/* geo: the map projection, lon/lat degrees <-> world units, both directions.
 *
 * Albers equal-area conic on the unit sphere (1 world unit = Earth's radius),
 * with x east and y SOUTH (y grows downwards, like the screen), so world and
 * screen differ only by a scale and an offset. Equal-area keeps the steppe's
 * vast size honest, and a cone centred on 68°E fits Central Asia's spread.
 * The bundle compiler (tools/bundle/) uses exactly the same formula through
 * d3-geo's geoConicEqualArea().parallels([lat1, lat2]).rotate([-lon0, 0])
 * .center([0, lat0]).scale(1).translate([0, 0]).
 * Depends on the C library only. */
#ifndef STEPPE_GEO_H
#define STEPPE_GEO_H

#include <stdbool.h>

typedef struct GeoProjection {
    double lon0_deg;   /* central meridian */
    double lat0_deg;   /* latitude that maps to y = 0 */
    double lat1_deg;   /* standard parallels */
    double lat2_deg;
    /* derived by geo_projection_init */
    double n, c, rho0;
} GeoProjection;

typedef struct WorldPoint { double x, y; } WorldPoint;

/* The atlas's default: lon0 68°E, lat0 45°N, parallels 38°N and 52°N. */
#define GEO_DEFAULT_LON0 68.0
#define GEO_DEFAULT_LAT0 45.0
#define GEO_DEFAULT_LAT1 38.0
#define GEO_DEFAULT_LAT2 52.0

/* Fills the derived constants. Returns false (and leaves *p unusable) if the
 * parallels are symmetric about the equator, where the cone degenerates. */
bool geo_projection_init(GeoProjection *p, double lon0_deg, double lat0_deg,
                         double lat1_deg, double lat2_deg);

/* lon/lat in degrees -> world units. Longitude is wrapped into lon0 ± 180. */
WorldPoint geo_project(const GeoProjection *p, double lon_deg, double lat_deg);

/* world units -> lon/lat in degrees. Returns false for points outside the
 * projection's fan (then *lon_deg and *lat_deg are left untouched). */
bool geo_unproject(const GeoProjection *p, WorldPoint w, double *lon_deg, double *lat_deg);

/* Great-circle distance in kilometres (mean Earth radius 6371 km). */
double geo_distance_km(double lon1_deg, double lat1_deg, double lon2_deg, double lat2_deg);

#endif

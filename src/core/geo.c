/* geo: Albers equal-area conic projection. See geo.h for the conventions. */
#include "geo.h"

#include <math.h>

#define DEG (3.14159265358979323846 / 180.0)
#define EARTH_RADIUS_KM 6371.0

bool geo_projection_init(GeoProjection *p, double lon0_deg, double lat0_deg,
                         double lat1_deg, double lat2_deg)
{
    double s1 = sin(lat1_deg * DEG);
    double n = (s1 + sin(lat2_deg * DEG)) / 2.0;
    if (fabs(n) < 1e-9) return false;
    p->lon0_deg = lon0_deg;
    p->lat0_deg = lat0_deg;
    p->lat1_deg = lat1_deg;
    p->lat2_deg = lat2_deg;
    p->n = n;
    p->c = 1.0 + s1 * (2.0 * n - s1);               /* cos²φ1 + 2n sinφ1 */
    p->rho0 = sqrt(p->c - 2.0 * n * sin(lat0_deg * DEG)) / n;
    return true;
}

static double wrap_degrees(double d)
{
    d = fmod(d + 180.0, 360.0);
    if (d < 0) d += 360.0;
    return d - 180.0;
}

WorldPoint geo_project(const GeoProjection *p, double lon_deg, double lat_deg)
{
    if (lat_deg > 90.0) lat_deg = 90.0;
    if (lat_deg < -90.0) lat_deg = -90.0;
    double lambda = wrap_degrees(lon_deg - p->lon0_deg) * DEG;
    double radicand = p->c - 2.0 * p->n * sin(lat_deg * DEG);
    double rho = sqrt(radicand > 0 ? radicand : 0) / p->n;
    double theta = p->n * lambda;
    WorldPoint w = { rho * sin(theta), rho * cos(theta) - p->rho0 };
    return w;
}

bool geo_unproject(const GeoProjection *p, WorldPoint w, double *lon_deg, double *lat_deg)
{
    double dy = w.y + p->rho0;                     /* = rho cos(theta) */
    double rho = sqrt(w.x * w.x + dy * dy);
    if (p->n < 0) rho = -rho;
    double theta = atan2(w.x, dy);
    if (p->n < 0) theta = atan2(-w.x, -dy);
    double lambda = theta / p->n;
    if (fabs(lambda) > 3.14159265358979323846 + 1e-9) return false;
    double s = (p->c - rho * rho * p->n * p->n) / (2.0 * p->n);
    if (s > 1.0 + 1e-9 || s < -1.0 - 1e-9) return false;
    if (s > 1.0) s = 1.0;
    if (s < -1.0) s = -1.0;
    *lon_deg = wrap_degrees(p->lon0_deg + lambda / DEG);
    *lat_deg = asin(s) / DEG;
    return true;
}

double geo_distance_km(double lon1_deg, double lat1_deg, double lon2_deg, double lat2_deg)
{
    double p1 = lat1_deg * DEG, p2 = lat2_deg * DEG;
    double dp = p2 - p1, dl = (lon2_deg - lon1_deg) * DEG;
    double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2.0 * EARTH_RADIUS_KM * atan2(sqrt(a), sqrt(1.0 - a));
}

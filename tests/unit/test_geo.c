/* test_geo: the Albers projection both ways, known values, and distances. */
#include "test_support.h"

#include "geo.h"

/* |a - b| for longitudes, modulo 360 (180 and -180 are the same meridian). */
static double lon_diff(double a, double b)
{
    double d = fmod(fabs(a - b), 360.0);
    return d > 180 ? 360 - d : d;
}

static void test_known_values(void)
{
    GeoProjection p;
    CHECK(geo_projection_init(&p, GEO_DEFAULT_LON0, GEO_DEFAULT_LAT0, GEO_DEFAULT_LAT1, GEO_DEFAULT_LAT2));
    WorldPoint w = geo_project(&p, 67, 48);
    CHECK_NEAR(w.x, -0.011603408, 1e-8);
    CHECK_NEAR(w.y, -0.052808428, 1e-8);
    /* The origin: the central meridian at lat0 maps to (0, 0). */
    w = geo_project(&p, GEO_DEFAULT_LON0, GEO_DEFAULT_LAT0);
    CHECK_NEAR(w.x, 0, 1e-12);
    CHECK_NEAR(w.y, 0, 1e-12);
    /* y grows southwards, x eastwards. */
    CHECK(geo_project(&p, 68, 40).y > 0);
    CHECK(geo_project(&p, 75, 45).x > 0);
    /* Symmetric parallels about the equator make no cone. */
    GeoProjection bad;
    CHECK(!geo_projection_init(&bad, 0, 0, 30, -30));
}

static void test_round_trips(void)
{
    GeoProjection p;
    geo_projection_init(&p, GEO_DEFAULT_LON0, GEO_DEFAULT_LAT0, GEO_DEFAULT_LAT1, GEO_DEFAULT_LAT2);
    int bad = 0, count = 0;
    for (double lat = -89.5; lat <= 89.5; lat += 0.5) {
        for (double lon = -180; lon <= 180; lon += 2.5) {
            WorldPoint w = geo_project(&p, lon, lat);
            double lon2 = 999, lat2 = 999;
            bool ok = geo_unproject(&p, w, &lon2, &lat2);
            double dlon = lon_diff(lon2, lon);
            count++;
            if (!ok || fabs(lat2 - lat) > 1e-7 || dlon > 1e-7) {
                if (bad++ < 5) printf("  round trip %.2f,%.2f -> %.9f,%.9f (ok %d)\n", lon, lat, lon2, lat2, ok);
            }
        }
    }
    CHECK_EQ_U(bad, 0);
    CHECK(count > 40000);

    /* Next to the antimeridian cut (lon0 + 180 = 248 = -112): both sides round-trip. */
    const double near_cut[] = { -112.001, -111.999, -112.0 + 1e-6, -112.0 - 1e-6, 247.99 };
    for (size_t i = 0; i < sizeof near_cut / sizeof near_cut[0]; i++) {
        double lon = near_cut[i], lat = 50, lon2, lat2;
        CHECK(geo_unproject(&p, geo_project(&p, lon, lat), &lon2, &lat2));
        CHECK_NEAR(lon_diff(lon2, lon), 0, 1e-6);
        CHECK_NEAR(lat2, lat, 1e-7);
    }
    /* The two sides of the cut land far apart (the map is a fan, not a cylinder). */
    WorldPoint west = geo_project(&p, -112.001, 50), east = geo_project(&p, -111.999, 50);
    CHECK(fabs(west.x - east.x) > 1.0);

    /* Poles: in Albers (with these parallels) both poles are arcs, so they
     * round-trip with their longitude; latitudes beyond the poles are clamped. */
    double lon2, lat2;
    for (double lon = -170; lon <= 180; lon += 35) {
        CHECK(geo_unproject(&p, geo_project(&p, lon, 90), &lon2, &lat2));
        /* asin is steep at +-1: rounding in s costs ~1e-6 degrees there */
        CHECK_NEAR(lat2, 90, 1e-5);
        CHECK_NEAR(lon_diff(lon2, lon), 0, 1e-6);
        CHECK(geo_unproject(&p, geo_project(&p, lon, -90), &lon2, &lat2));
        CHECK_NEAR(lat2, -90, 1e-5);
        CHECK_NEAR(lon_diff(lon2, lon), 0, 1e-6);
    }
    WorldPoint over = geo_project(&p, 30, 95), pole = geo_project(&p, 30, 90);
    CHECK_NEAR(over.x, pole.x, 1e-12);
    CHECK_NEAR(over.y, pole.y, 1e-12);

    /* Points outside the fan do not unproject, and leave the outputs untouched. */
    lon2 = lat2 = 123;
    WorldPoint far = { 0, 100 };
    CHECK(!geo_unproject(&p, far, &lon2, &lat2));
    CHECK(lon2 == 123 && lat2 == 123);
}

static void test_distance(void)
{
    /* Astana to Almaty, about 970 km. */
    double d = geo_distance_km(71.4306, 51.1283, 76.8860, 43.2389);
    CHECK_NEAR(d, 970, 10);
    CHECK_NEAR(geo_distance_km(10, 20, 10, 20), 0, 1e-9);
    /* A quarter of the equator. */
    CHECK_NEAR(geo_distance_km(0, 0, 90, 0), 6371.0 * 3.14159265358979323846 / 2, 1e-6);
    CHECK_NEAR(geo_distance_km(0, 0, 180, 0), 6371.0 * 3.14159265358979323846, 1e-6);
}

int main(void)
{
    test_known_values();
    test_round_trips();
    test_distance();
    return test_finish();
}

#!/usr/bin/env python3
"""Draws the shipped map shapes: a hexagon tile map of the city's districts placed like the real
geography, and one small tile map of townships per district. Officials can replace either with
official GeoJSON on the map page. Run from the repository root:
    python3 tools/make_tile_maps.py
"""
import json
import math

CITY_FILE = 'src/main/resources/cities/330200-ningbo.csv'
# Approximate centres (longitude, latitude) of Ningbo's districts.
CENTRES = {'330282': (121.25, 30.18), '330281': (121.08, 29.98), '330211': (121.64, 30.02), '330205': (121.50, 29.96),
           '330206': (121.88, 29.88), '330203': (121.36, 29.84), '330200-GX': (121.64, 29.88), '330212': (121.58, 29.74),
           '330213': (121.36, 29.62), '330226': (121.43, 29.34), '330225': (121.84, 29.46)}
SIZE = 0.085
STRETCH = 1.15  # a degree of longitude is shorter than one of latitude at 30° N


def hexagon(cx, cy, size):
    points = []
    for i in range(6):
        angle = math.radians(60 * i - 30)
        points.append([round(cx + size * math.cos(angle) * STRETCH, 4), round(cy + size * math.sin(angle), 4)])
    points.append(points[0])
    return [points]


def main():
    rows = [line.strip().split(',') for line in open(CITY_FILE, encoding='utf-8')
            if line.strip() and not line.startswith('#')]
    districts = [r for r in rows if r[0] == 'district']
    townships = [r for r in rows if r[0] == 'township']
    dx, dy = math.sqrt(3) * SIZE * STRETCH, 1.5 * SIZE
    taken, features = set(), []
    for d in districts:
        x, y = CENTRES[d[1]]
        r = round((y - 29.85) / dy)
        q = round((x - 121.5) / dx - (r % 2) * 0.5)
        while (q, r) in taken:  # two districts on one cell: move east
            q += 1
        taken.add((q, r))
        cx, cy = 121.5 + (q + (r % 2) * 0.5) * dx, 29.85 + r * dy
        features.append({'type': 'Feature', 'properties': {'code': d[1], 'name': d[3], 'name_en': d[4]},
                         'geometry': {'type': 'Polygon', 'coordinates': hexagon(cx, cy, SIZE * 0.97)}})
    with open('src/main/resources/maps/330200.json', 'w', encoding='utf-8') as out:
        json.dump({'type': 'FeatureCollection', 'name': '330200 districts (tile map)', 'features': features},
                  out, ensure_ascii=False)
    size, features = 0.05, []
    for d in districts:
        own = [t for t in townships if t[2] == d[1]]
        columns = max(3, math.ceil(math.sqrt(len(own) * 1.3)))
        for i, t in enumerate(own):
            r, c = i // columns, i % columns
            cx, cy = (c + (r % 2) * 0.5) * math.sqrt(3) * size * STRETCH, -r * 1.5 * size
            features.append({'type': 'Feature', 'properties': {'code': t[1], 'district': d[1], 'name': t[3], 'name_en': t[4]},
                             'geometry': {'type': 'Polygon', 'coordinates': hexagon(cx, cy, size * 0.97)}})
    with open('src/main/resources/maps/330200-townships.json', 'w', encoding='utf-8') as out:
        json.dump({'type': 'FeatureCollection', 'name': '330200 townships (tile maps, one per district)',
                   'features': features}, out, ensure_ascii=False)


if __name__ == '__main__':
    main()

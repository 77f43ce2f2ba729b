#!/usr/bin/env python3
"""Draws the shipped map shapes: a hexagon tile map of the city's districts placed like the real
geography, and one small tile map of townships per district. Officials can replace either with
official GeoJSON on the map page. Run from the repository root:
    python3 tools/make_tile_maps.py
"""
import json
import math

CITY_FILE = 'src/main/resources/cities/330200-ningbo.csv'
# Each district's tile: (column, row) on a hexagon grid whose odd rows are shifted half a tile east,
# chosen so that neighbours touch and the tiles keep the districts' places (north at the top).
TILES = {'330282': (1, 0),                                  # Cixi, on the bay
         '330281': (0, 1), '330205': (1, 1), '330211': (2, 1),  # Yuyao, Jiangbei, Zhenhai
         '330203': (1, 2), '330200-GX': (2, 2), '330206': (3, 2),  # Haishu, Hi-tech Zone, Beilun
         '330213': (0, 3), '330212': (1, 3), '330225': (3, 3),  # Fenghua, Yinzhou, Xiangshan
         '330226': (1, 4)}                                 # Ninghai
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
    features = []
    for d in districts:
        q, r = TILES[d[1]]
        cx, cy = 121.3 + (q + (r % 2) * 0.5) * dx, 30.2 - r * dy
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

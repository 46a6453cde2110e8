"""Where the 21 市州 are (the seat of each government, approximate), to suggest the nearest one with classes."""

from __future__ import annotations

import math

# 市州 short name → (latitude, longitude) of its seat.
SEATS = {
    "成都": (30.66, 104.07),
    "自贡": (29.34, 104.78),
    "攀枝花": (26.58, 101.72),
    "泸州": (28.87, 105.44),
    "德阳": (31.13, 104.40),
    "绵阳": (31.47, 104.68),
    "广元": (32.44, 105.84),
    "遂宁": (30.53, 105.59),
    "内江": (29.58, 105.06),
    "乐山": (29.55, 103.77),
    "南充": (30.84, 106.11),
    "眉山": (30.05, 103.85),
    "宜宾": (28.77, 104.63),
    "广安": (30.46, 106.63),
    "达州": (31.21, 107.47),
    "雅安": (29.98, 103.01),
    "巴中": (31.87, 106.75),
    "资阳": (30.13, 104.63),
    "阿坝": (31.90, 102.22),
    "甘孜": (30.05, 101.96),
    "凉山": (27.89, 102.26),
}


def distance_km(first: str, second: str) -> float:
    """Great-circle distance between two seats (haversine)."""
    (lat1, lon1), (lat2, lon2) = SEATS[first], SEATS[second]
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def nearest_city(origin: str, candidates) -> str | None:
    """The candidate 市州 closest to `origin` (itself excluded), or None; ties by the official order."""
    others = [city for city in candidates if city in SEATS and city != origin]
    if origin not in SEATS or not others:
        return None
    return min(others, key=lambda city: (round(distance_km(origin, city), 1), list(SEATS).index(city)))

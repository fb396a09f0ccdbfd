"""Small numeric helpers the benchmark prints with."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path


def percentile(values: Sequence[float], percent: float) -> float:
    """The `percent`-th percentile by linear interpolation between closest ranks (numpy's default),
    so p50 of [1, 2, 3, 4] is 2.5 and p99 of few samples stays inside the observed range."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * percent / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def folder_size(path: Path) -> int:
    """Bytes on disk of every file under `path` (what the store costs to keep)."""
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


def mib(size: float) -> str:
    return f"{size / 2**20:,.1f} MiB"


def ratio(ours: float, theirs: float) -> str:
    """ours / theirs, printed as "2.31×"; "n/a" when it cannot be computed."""
    if not theirs or math.isnan(ours) or math.isnan(theirs):
        return "n/a"
    return f"{ours / theirs:.2f}×"

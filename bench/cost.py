"""The DynamoDB bill per 1,000 couples a month, from the measured units of the evening mix.

On-demand prices, us-east-1, Standard table class, as AWS has published them since the on-demand
price cut of 2024-11-01 (checked 2026-11-29): write request unit $0.625 per million, read request
unit $0.125 per million (a strongly consistent read of up to 4 KB is one, an eventually consistent
read half), storage $0.25 per GB-month with 100 bytes of overhead per item, and point-in-time
recovery (which deploy/cloudformation/table.yaml enables) $0.20 per GB-month of the table's size. Each couple lives one
evening of the mix a night, 30 nights a month; every request type's units are the mean over the
evenings measured in-process (bench.measure).
"""

from __future__ import annotations

from typing import Any

PRICES: dict[str, Any] = {
    "region": "us-east-1",
    "table_class": "Standard",
    "as_of": "2024-11-01 (checked 2026-11-29)",
    "usd_per_million_write_units": 0.625,
    "usd_per_million_read_units": 0.125,
    "usd_per_gb_month": 0.25,
    "usd_per_gb_month_pitr": 0.20,  # continuous backups, billed on the table's size
    "item_overhead_bytes": 100,
}
COUPLES = 1000
NIGHTS_A_MONTH = 30


def monthly(per_type: dict[str, dict[str, Any]], stored_bytes: int, items: int) -> dict[str, float]:
    """USD per 1,000 couples a month: requests (reads, writes) and storage, with the units behind them."""
    reads = sum(float(row["mean_read_units"]) for row in per_type.values()) * NIGHTS_A_MONTH * COUPLES
    writes = sum(float(row["mean_write_units"]) for row in per_type.values()) * NIGHTS_A_MONTH * COUPLES
    gb = (stored_bytes + items * PRICES["item_overhead_bytes"]) * COUPLES / 1024**3
    usd_reads = reads * PRICES["usd_per_million_read_units"] / 1e6
    usd_writes = writes * PRICES["usd_per_million_write_units"] / 1e6
    usd_storage = gb * PRICES["usd_per_gb_month"]
    usd_pitr = gb * PRICES["usd_per_gb_month_pitr"]
    return {
        "read_units": round(reads),
        "write_units": round(writes),
        "stored_gb": round(gb, 4),
        "usd_reads": round(usd_reads, 4),
        "usd_writes": round(usd_writes, 4),
        "usd_storage": round(usd_storage, 4),
        "usd_pitr": round(usd_pitr, 4),
        "usd_total": round(usd_reads + usd_writes + usd_storage + usd_pitr, 4),
    }

"""Operator commands: ``python -m skill.manage create-table`` (idempotent)."""

from __future__ import annotations

import argparse
import sys

from skill.settings import Settings
from skill.store.couples import CoupleStore
from skill.store.errors import StoreUnavailable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skill.manage")
    parser.add_argument("command", choices=["create-table"])
    parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        created = CoupleStore(settings).create_table_if_missing()
    except StoreUnavailable as err:
        print(f"error: cannot reach DynamoDB at {settings.dynamodb_endpoint or settings.region}: {err}",
              file=sys.stderr)
        return 1
    print(f"table {settings.table_name}: {'created' if created else 'already there'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

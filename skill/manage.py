"""Operator commands: ``python -m skill.manage create-table`` (idempotent)."""

from __future__ import annotations

import argparse
import sys

from botocore.config import Config

from skill.core.settings import Settings
from skill.store.client import CLIENT_CONFIG, LazyClient
from skill.store.couples import CoupleStore
from skill.store.errors import StoreUnavailable

# Creating a table can outlast the service's 1.5 s read timeout (a fresh DynamoDB Local on a busy
# machine does); botocore's retry then finds the table "preexisting" and the TTL is never set. An
# operator's command can wait.
OPERATOR_CONFIG = CLIENT_CONFIG.merge(Config(read_timeout=60))


def operator_store(settings: Settings) -> CoupleStore:
    return CoupleStore(settings, LazyClient(settings, OPERATOR_CONFIG))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skill.manage")
    parser.add_argument("command", choices=["create-table"])
    parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        created = operator_store(settings).create_table_if_missing()
    except StoreUnavailable as err:
        print(
            f"error: cannot reach DynamoDB at {settings.dynamodb_endpoint or settings.region}: {err}", file=sys.stderr
        )
        return 1
    print(f"table {settings.table_name}: {'created' if created else 'already there'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Shared test setup: the tests folder is importable (fixture helpers)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

pytest_plugins = ["archive_fixtures"]  # the archive outputs built once a session

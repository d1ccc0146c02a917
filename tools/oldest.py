"""Print pip constraints pinning each runtime dependency to its lowest allowed version.

pyproject.toml states each runtime dependency as ``name>=version``; the tests
run once against exactly those versions, so the lower bounds stay true.
"""

import re
import sys
import tomllib
from pathlib import Path

BOUND = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)>=(?P<version>[^,;\s]+)$")


def main() -> int:
    """Print one ``name==version`` line per runtime dependency."""
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    for dependency in dependencies:
        match = BOUND.match(dependency)
        if match is None:
            sys.stderr.write(f"oldest.py: cannot read a lower bound in {dependency!r}\n")
            return 1
        sys.stdout.write(f"{match['name']}=={match['version']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Check what the built distributions hold, beyond what twine and check-wheel-contents see.

Usage: ``python tools/check_dist.py DIST_FOLDER`` after ``python -m build``.

The wheel must hold every file of the package (modules, data, the JSON Schema,
``py.typed``) and nothing else: no tests, docs or examples. Its metadata must
declare pyproject.toml's dependencies and extras, render the README as
Markdown and carry the quick start. The sdist must hold what a rebuild and the
tests need, and no build leftovers.
"""

import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "rareearth"
QUICK_START = ("pip install rareearth", ">>> import rareearth as ree", "## A first look")
IN_SDIST = (
    "pyproject.toml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "src/rareearth/py.typed",
    "tests/conftest.py",
    "docs/conf.py",
    "examples/my-facts.json",
)


def _fail(message: str) -> None:
    sys.exit(f"check_dist: {message}")


def check_wheel(wheel: Path) -> None:
    """The wheel holds exactly the package's files, and its metadata."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(info).decode("utf-8"))
    package = {n for n in names if not n.split("/")[0].endswith(".dist-info")}
    shipped = {
        "rareearth/" + p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    if package != shipped:
        missing, extra = sorted(shipped - package), sorted(package - shipped)
        _fail(f"the wheel differs from src/rareearth: missing {missing}, extra {extra}")
    if (
        not {
            "rareearth/py.typed",
            "rareearth/fact-file.schema.json",
            "rareearth/currencies.json",
            "rareearth/countries.json",
            "rareearth/data/fingerprint.txt",
        }
        <= package
    ):
        _fail("the wheel lacks py.typed, the JSON Schema, the code lists or the data's fingerprint")
    check_metadata(metadata)
    sys.stdout.write(f"ok  {wheel.name}: {len(package)} package files; metadata as declared\n")


def check_metadata(metadata: Message) -> None:
    """The metadata says what pyproject.toml says, and shows the quick start."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requires = sorted(r for r in metadata.get_all("Requires-Dist", []) if "extra ==" not in r)
    if requires != sorted(project["dependencies"]):
        _fail(f"Requires-Dist {requires} differs from pyproject's {project['dependencies']}")
    extras = sorted(metadata.get_all("Provides-Extra", []))
    if extras != sorted(project["optional-dependencies"]):
        _fail(f"the extras {extras} differ from pyproject's")
    if metadata["Description-Content-Type"] != "text/markdown":
        _fail(f"the README is not marked as Markdown: {metadata['Description-Content-Type']}")
    description = str(metadata.get_payload())
    for needed in QUICK_START:
        if needed not in description:
            _fail(f"the long description lacks the quick start ({needed!r})")
    if "Typing :: Typed" not in metadata.get_all("Classifier", []):
        _fail("the classifiers lack 'Typing :: Typed'")
    if not metadata.get_all("Project-URL"):
        _fail("the metadata has no project URLs")


def check_sdist(sdist: Path) -> None:
    """The sdist holds the sources, tests, docs and examples, and no leftovers."""
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    missing = [n for n in IN_SDIST if n not in names]
    if missing:
        _fail(f"the sdist lacks {missing}")
    leftovers = (".venv/", "docs/_build/", "docs/_generated/", "dist/")
    stray = sorted(n for n in names if n.startswith(leftovers) or "__pycache__" in n)
    if stray:
        _fail(f"the sdist holds build leftovers: {stray[:5]}")
    sys.stdout.write(f"ok  {sdist.name}: {len(names)} files\n")


def main() -> None:
    """Check the one wheel and the one sdist in the folder given."""
    folder = Path(sys.argv[1])
    wheels, sdists = sorted(folder.glob("*.whl")), sorted(folder.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        _fail(f"expected one wheel and one sdist in {folder}, found {wheels + sdists}")
    check_wheel(wheels[0])
    check_sdist(sdists[0])


if __name__ == "__main__":
    main()

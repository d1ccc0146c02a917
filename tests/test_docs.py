"""The documentation's command-line examples run, and print what the pages say.

Python examples in README.md and docs/ are doctests, collected by pytest's
doctest-glob. Command-line examples are ```console blocks: each ``$ rareearth``
line is run here, in process and from the repository root, and its output
(standard output, then standard error) must match the lines below it.
README's ```sh block of commands is run too: each must answer (exit 0).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import NamedTuple

import pytest

from rareearth._cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(
    [ROOT / "README.md", *(p for p in (ROOT / "docs").rglob("*.md") if "_build" not in p.parts)]
)
FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.DOTALL | re.MULTILINE)


class Example(NamedTuple):
    page: str
    line: int
    command: str
    expected: str


def _blocks(page: Path, lang: str) -> list[tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, m.start("body")) + 1, m["body"])
        for m in FENCE.finditer(text)
        if m["lang"] == lang
    ]


def _console_examples() -> list[Example]:
    examples: list[Example] = []
    for page in PAGES:
        for first, body in _blocks(page, "console"):
            command: tuple[int, str] | None = None
            output: list[str] = []
            for offset, line in enumerate([*body.splitlines(), "$ "]):
                if not line.startswith("$ "):
                    output.append(line)
                    continue
                if command is not None:
                    name = str(page.relative_to(ROOT))
                    examples.append(Example(name, command[0], command[1], "\n".join(output)))
                command, output = (first + offset, line[2:]), []
    return [e for e in examples if e.command]


def _run(command: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    argv = shlex.split(command, comments=True)
    assert argv[0] == "rareearth", f"only rareearth commands run in examples: {command!r}"
    try:
        code = main(argv[1:])
    except SystemExit as e:  # --help, and argparse's own usage errors
        code = e.code if isinstance(e.code, int) else 2
    out, err = capsys.readouterr()
    return code, out + err


CONSOLE = _console_examples()


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    # argparse wraps help to the terminal's width; pages show 80 columns.
    monkeypatch.setenv("COLUMNS", "80")


def test_there_are_console_examples() -> None:
    """The pages hold command-line examples, so the test below cannot pass empty."""
    assert len(CONSOLE) >= 10, [e.command for e in CONSOLE]


@pytest.mark.parametrize("example", CONSOLE, ids=[f"{e.page}:{e.line}" for e in CONSOLE])
def test_console_example(example: Example, capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints exactly what the page shows under it."""
    _, output = _run(example.command, capsys)
    shown = [line.rstrip() for line in example.expected.rstrip("\n").splitlines()]
    printed = [line.rstrip() for line in output.rstrip("\n").splitlines()]
    assert printed == shown, f"{example.page}:{example.line}: $ {example.command}"


README_COMMANDS = [
    (line, text)
    for first, body in _blocks(ROOT / "README.md", "sh")
    for line, text in enumerate(body.splitlines(), first)
    if text.startswith("rareearth ")
]


def test_readme_lists_commands() -> None:
    """README shows a block of commands (the test below would pass on none)."""
    assert len(README_COMMANDS) >= 5


@pytest.mark.parametrize(("line", "command"), README_COMMANDS, ids=[c for _, c in README_COMMANDS])
def test_readme_command_answers(
    line: int, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command README lists runs and answers (exit 0, some output)."""
    code, output = _run(command, capsys)
    assert (code, bool(output.strip())) == (0, True), f"README.md:{line}: {command}\n{output}"


def test_reference_documents_every_public_name() -> None:
    """Each name in `rareearth.__all__` and `rareearth.plot` has its entry in the API reference."""
    import rareearth  # noqa: PLC0415
    import rareearth.plot  # noqa: PLC0415

    reference = (ROOT / "docs" / "reference" / "api.rst").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. (?:auto)?\w+:: rareearth\.(\w+)$", reference, re.MULTILINE))
    plot_entry = r"^\.\. automodule:: rareearth\.plot\n   :members: (.+)$"
    plots = re.search(plot_entry, reference, re.MULTILINE)
    assert plots is not None
    public = set(rareearth.__all__)
    assert public - documented == set(), "add these to docs/reference/api.rst"
    assert set(plots[1].split(", ")) == set(rareearth.plot.__all__)

"""The docs' own Sphinx extension: figures drawn at build time, public names.

A directive draws a figure with rareearth.plot while the docs build:

````md
```{rareearth-plot}
:alt: JL MAG's owners

ree.plot.ownership("JL MAG")
```
````

The code runs with ``ree`` (``rareearth``, with ``rareearth.plot`` imported)
in scope; its last line must be an expression giving a matplotlib
``Figure``. The page shows the code, then the figure, saved as PNG under
``_generated/`` in the source folder. A failure is a build error, so the
figures in the docs are always the ones the code draws today.
"""

from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class RareEarthPlot(SphinxDirective):
    """Run the content, show it as code, and show the figure it returns."""

    has_content = True
    option_spec: ClassVar = {"alt": directives.unchanged_required, "hide-code": directives.flag}

    def run(self) -> list[nodes.Node]:
        """Draw the figure, save it under ``_generated/``, and give the nodes that show it."""
        code = "\n".join(self.content)
        figure = self._draw(code)
        name = hashlib.sha256(code.encode()).hexdigest()[:16] + ".png"
        folder = Path(self.env.srcdir) / "_generated"
        folder.mkdir(exist_ok=True)
        figure.savefig(folder / name, dpi=110, bbox_inches="tight")
        shown: list[nodes.Node] = []
        if "hide-code" not in self.options:
            block = nodes.literal_block(code, code, language="python")
            shown.append(block)
        # A leading "/" makes Sphinx resolve the image against the source folder.
        shown.append(nodes.image(uri="/_generated/" + name, alt=self.options.get("alt", "")))
        self.env.note_dependency(__file__)
        return shown

    def _draw(self, code: str) -> Figure:
        import rareearth as ree  # noqa: PLC0415 - only when a page draws
        import rareearth.plot  # noqa: PLC0415 - gives ree.plot

        tree = ast.parse(code, filename=f"<rareearth-plot in {self.env.docname}>")
        final = tree.body.pop() if tree.body else None
        if not isinstance(final, ast.Expr):
            raise self.error("rareearth-plot: the last line must be an expression giving a Figure")
        last = ast.Expression(final.value)
        scope: dict[str, object] = {"ree": ree}
        try:
            exec(compile(tree, "<rareearth-plot>", "exec"), scope)  # noqa: S102 - the page's own code
            figure = eval(compile(last, "<rareearth-plot>", "eval"), scope)  # noqa: S307
        except Exception as e:
            raise self.error(f"rareearth-plot: the code failed: {type(e).__name__}: {e}") from e
        from matplotlib.figure import Figure  # noqa: PLC0415

        if not isinstance(figure, Figure):
            raise self.error(f"rareearth-plot: the code gave {type(figure).__name__}, not a Figure")
        return figure


_PRIVATE = re.compile(r"rareearth\._\w+\.(?P<name>\w+)(?P<rest>\..+)?")


def _public_name(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """Resolve ``rareearth._module.Name`` to the public ``rareearth.Name``."""
    import rareearth  # noqa: PLC0415

    match = _PRIVATE.fullmatch(node.get("reftarget", ""))
    if node.get("refdomain") != "py" or match is None or match["name"] not in rareearth.__all__:
        return None
    target = f"rareearth.{match['name']}{match['rest'] or ''}"
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], target, node, contnode
    )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the directive and the resolver of public names."""
    app.add_directive("rareearth-plot", RareEarthPlot)
    app.connect("missing-reference", _public_name)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

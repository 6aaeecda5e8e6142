"""A MkDocs plugin: the governance section built from the model on every `mkdocs build` and `mkdocs serve`.

In `mkdocs.yml`::

    plugins:
      - search
      - govgraph:
          model: data/governance.yaml     # relative to mkdocs.yml
          folder: governance              # where the section appears in the site
          # as_of: 2024-06                # optional: the structure on a date
          # allow_errors: false

The section (`govgraph build`'s output) is built into a cache folder outside `docs/` and added to the site's
files, so nothing is written into the docs folder and `mkdocs serve` does not loop; only what changed is redrawn.
`mkdocs serve` also watches the model file. Link to it from your pages as `governance/index.md`. The section is
built by the same function as `govgraph build` (`govgraph.app.documentation.build_docs`), so it holds the same
files, and its notes and warnings are logged. A model with errors stops the build with its errors listed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from govgraph.errors import GovGraphError, ModelError, ParameterError

_log = logging.getLogger("mkdocs.plugins.govgraph")


class GovgraphConfig(base.Config):
    """The plugin's settings in `mkdocs.yml`."""

    model = c.Type(str, default="data/governance.yaml")
    folder = c.Type(str, default="governance")
    # YAML reads `2024` as a number and `2024-06-30` as a date; all are dates to govgraph.
    as_of = c.Optional(c.Type((str, int, dt.date)))
    allow_errors = c.Type(bool, default=False)


class GovgraphPlugin(BasePlugin[GovgraphConfig]):
    """Builds the governance section and adds its files to the site."""

    def _model_path(self, config: MkDocsConfig) -> Path:
        base_folder = Path(config.config_file_path or ".").parent
        return (base_folder / self.config.model).resolve()

    def _cache(self, config: MkDocsConfig) -> Path:
        key = hashlib.sha256(str(Path(config.config_file_path or ".").resolve()).encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"govgraph-mkdocs-{key}"

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        from govgraph.app.documentation import build_docs
        from govgraph.build.folder import MARKER

        folder = self.config.folder.strip("/")
        cache = self._cache(config)
        target = cache / folder
        as_of = self.config.as_of
        try:
            # The interactive page links the pages as MkDocs serves them, not as their Markdown files.
            links = "bodies/{id}/" if config.use_directory_urls else "bodies/{id}.html"
            # The cache is the plugin's own folder: what is there is its own earlier build (perhaps by an older
            # govgraph, whose marker did not record the content of what it wrote), never a user's file.
            built = build_docs(
                self._model_path(config),
                target,
                as_of=str(as_of) if as_of is not None else None,
                allow_errors=self.config.allow_errors,
                page_links=links,
                clean=True,
            )
        except ModelError as error:
            listed = "\n".join(f"  {f.location}: {f.severity} {f.code} {f.message}" for f in error.findings)
            raise PluginError(f"govgraph: {error.message}\n{listed}") from None
        except ParameterError as error:
            # The plugin's settings are named as the library's parameters (`as_of`, `allow_errors`).
            raise PluginError(f"govgraph: {error.message}") from None
        except GovGraphError as error:
            raise PluginError(f"govgraph: {error.message}") from None
        for note in built.notes:
            (_log.warning if note.warning else _log.info)(f"govgraph: {note.words()}")
        for path in sorted(target.rglob("*")):
            if path.is_file() and path.name != MARKER:
                relative = path.relative_to(cache).as_posix()
                files.append(File(relative, str(cache), config.site_dir, config.use_directory_urls))
        return files

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._model_path(config)))
        return server

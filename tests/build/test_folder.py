"""The output folder of `govgraph build`: which folders a build may write, whatever way they are spelt, and that
it never loses or deletes a file it did not write (concurrent builds, forged or stale markers, read-only
folders, names the system cannot hold, files a user put there).

Builds need a Graphviz engine: without one these tests skip, and fail under GOVGRAPH_REQUIRE_ENGINES=1 (CI).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import support
from govgraph.build import build
from govgraph.build.folder import MARKER
from govgraph.errors import OutputRefused
from govgraph.loading import load
from support import CHANGED, SMALL, small_model

GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))


def govgraph(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return support.govgraph(*args, cwd=cwd)


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) by relative path, with the SHA-256 of its content."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# Folders spelt another way ------------------------------------------------------------------------------------


def test_a_build_into_a_sibling_folder_named_with_dot_dot_works(tmp_path: Path, engine: str) -> None:
    # The ordinary way to build from a sub-folder: from docs/, into ../site.
    small_model(tmp_path)
    (tmp_path / "docs").mkdir()
    done = govgraph("build", "../governance.yaml", "-o", "../site", cwd=tmp_path / "docs")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.md").is_file()
    again = govgraph("build", "../governance.yaml", "-o", "../site", "--check", cwd=tmp_path / "docs")
    assert again.returncode == 0, again.stdout + again.stderr


def test_dot_dot_through_a_symbolic_link_is_still_refused(tmp_path: Path, engine: str) -> None:
    model = small_model(tmp_path / "model")
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "docs").mkdir()
    done = govgraph("build", str(model), "-o", "../../link/site", cwd=tmp_path / "real" / "docs")
    assert done.returncode == 2, done.stderr
    assert "../../link is a symbolic link" in done.stderr
    assert not (tmp_path / "real" / "site").exists()


def _model_inside_an_output_folder(tmp_path: Path) -> tuple[Path, Path]:
    """An output folder (built, with its marker) that also holds the model file, as a user may have put it."""
    out = tmp_path / "out"
    build(load(small_model(tmp_path / "first")), out)
    model = small_model(out)
    return out, model


def test_the_model_folder_spelt_with_a_double_slash_is_refused(tmp_path: Path, engine: str) -> None:
    out, model = _model_inside_an_output_folder(tmp_path)
    before = tree(out)
    spelt = "/" + str(out)  # //tmp/...: the same folder to the system, another text
    done = govgraph("build", str(model), "-o", spelt)
    assert done.returncode == 2, done.stderr
    assert "holds the model file" in done.stderr
    assert tree(out) == before
    assert model.read_text(encoding="utf-8") == SMALL


def test_a_model_named_through_a_symbolic_link_is_found_in_the_target(tmp_path: Path, engine: str) -> None:
    out, _ = _model_inside_an_output_folder(tmp_path)
    (tmp_path / "alias").symlink_to(out)
    before = tree(out)
    done = govgraph("build", str(tmp_path / "alias" / "governance.yaml"), "-o", str(out))
    assert done.returncode == 2, done.stderr
    assert "holds the model file" in done.stderr
    assert tree(out) == before


def test_a_parent_of_the_model_folder_spelt_another_way_is_refused(tmp_path: Path, engine: str) -> None:
    out, _ = _model_inside_an_output_folder(tmp_path)
    nested = small_model(out / "deeper")
    (tmp_path / "alias").symlink_to(out)
    with pytest.raises(OutputRefused, match="holds the model file"):
        build(load(tmp_path / "alias" / "deeper" / "governance.yaml"), Path("/" + str(out)))
    assert nested.read_text(encoding="utf-8") == SMALL


# Names the system cannot hold ---------------------------------------------------------------------------------


def test_a_folder_name_longer_than_the_system_allows_is_a_clear_refusal(tmp_path: Path, engine: str) -> None:
    model = small_model(tmp_path / "model")
    long_name = "o" * 256
    done = govgraph("build", str(model), "-o", str(tmp_path / long_name))
    assert done.returncode == 2, done.stderr
    assert f"will not build into {tmp_path / long_name}" in done.stderr
    assert "256 bytes" in done.stderr
    assert "Traceback" not in done.stderr
    assert "bug" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_a_folder_name_that_fits_builds_though_its_staging_folder_would_not(tmp_path: Path, engine: str) -> None:
    # 250 bytes fit in a name; the temporary folder beside it must not be named after it in full.
    model = small_model(tmp_path / "model")
    target = tmp_path / ("é" * 125)
    done = govgraph("build", str(model), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert (target / "index.md").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["model", target.name])


def test_a_marker_is_the_only_hidden_file_a_build_leaves(tmp_path: Path, engine: str) -> None:
    build(load(small_model(tmp_path / "model")), tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "out"]
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == [MARKER]


# Nothing deleted that govgraph did not write ------------------------------------------------------------------


def _built(tmp_path: Path) -> tuple[Path, Path]:
    """A small model and its build in `out`."""
    model = small_model(tmp_path / "model")
    out = tmp_path / "out"
    build(load(model), out)
    return model, out


def test_files_a_user_put_in_the_folder_make_the_build_refuse_naming_them(tmp_path: Path, engine: str) -> None:
    model, out = _built(tmp_path)
    (out / "notes.md").write_text("mine\n", encoding="utf-8")
    (out / "bodies" / "extra.md").write_text("mine too\n", encoding="utf-8")
    (out / "drafts").mkdir()
    model.write_text(CHANGED, encoding="utf-8")
    before = tree(out)
    done = govgraph("build", str(model), "-o", str(out))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "a build would delete or replace 3 files govgraph did not write" in done.stderr
    assert "not written by govgraph: bodies/extra.md, notes.md; folders govgraph did not make: drafts/" in done.stderr
    assert "--clean" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree(out) == before
    # --check still says what differs, and writes nothing.
    check = govgraph("build", str(model), "-o", str(out), "--check")
    assert check.returncode == 1
    assert "extra: notes.md" in check.stdout
    assert "extra: drafts/" in check.stdout
    assert tree(out) == before


def test_clean_removes_them_and_says_so(tmp_path: Path, engine: str) -> None:
    model, out = _built(tmp_path)
    (out / "notes.md").write_text("mine\n", encoding="utf-8")
    done = govgraph("build", str(model), "-o", str(out), "--clean")
    assert done.returncode == 0, done.stderr
    # Nothing else changed: the message says what happened, not "nothing written".
    assert "nothing written" not in done.stdout
    assert "1 removed" in done.stdout
    assert (
        "removed or replaced 1 file govgraph did not write (--clean): not written by govgraph: notes.md" in done.stderr
    )
    assert not (out / "notes.md").exists()
    assert govgraph("build", str(model), "-o", str(out), "--check").returncode == 0


def test_a_page_edited_by_hand_is_not_overwritten(tmp_path: Path, engine: str) -> None:
    model, out = _built(tmp_path)
    (out / "index.md").write_text("my edits\n", encoding="utf-8")
    model.write_text(CHANGED, encoding="utf-8")
    done = govgraph("build", str(model), "-o", str(out))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "changed since govgraph wrote them: index.md" in done.stderr
    assert (out / "index.md").read_text(encoding="utf-8") == "my edits\n"


@pytest.mark.parametrize("forged", ["stale", "old-format"])
def test_a_forged_or_stale_marker_does_not_make_a_folder_govgraphs(forged: str, tmp_path: Path, engine: str) -> None:
    model, out = _built(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "handbook.md").write_text("the handbook\n", encoding="utf-8")
    (docs / "index.md").write_text("the docs' own index\n", encoding="utf-8")
    if forged == "stale":  # a marker copied from a real build: it lists index.md, with another content
        (docs / MARKER).write_bytes((out / MARKER).read_bytes())
    else:  # the first marker format, listing files without their content
        (docs / MARKER).write_text(
            '{"govgraph_build": 1, "files": ["index.md", "handbook.md"], "diagrams": {}}', encoding="utf-8"
        )
    before = tree(docs)
    done = govgraph("build", str(model), "-o", str(docs))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "handbook.md" in done.stderr
    assert "index.md" in done.stderr
    assert tree(docs) == before


def test_pages_of_bodies_no_longer_in_the_model_are_removed_and_counted(tmp_path: Path, engine: str) -> None:
    model, out = _built(tmp_path)
    model.write_text(SMALL.split("  project:")[0], encoding="utf-8")
    done = govgraph("build", str(model), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert not (out / "bodies" / "project.md").exists()
    assert "4 removed" in done.stdout  # its page, and its diagram's SVG, DOT and Mermaid


# Keys cover what made each file ---------------------------------------------------------------------------------


def test_an_edited_page_asset_makes_the_page_stale_and_the_build_redraws_it(
    tmp_path: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govgraph.build import check_output
    from govgraph.render import html

    model, out = _built(tmp_path)
    loaded = load(model)
    assert check_output(loaded, out) == []
    # The asset is edited in this process, not in govgraph's files, by which a kept plan's outline goes.
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    original = html._asset
    monkeypatch.setattr(
        html, "_asset", lambda name: original(name) + ("/* a new rule */" if name == "page.css" else "")
    )
    assert [str(d) for d in check_output(loaded, out)] == ["changed: explore.html"]
    result = build(loaded, out)
    assert result.rendered == ("explore.html",)
    assert "/* a new rule */" in (out / "explore.html").read_text(encoding="utf-8")
    assert check_output(loaded, out) == []


def test_a_new_govgraph_version_makes_every_drawn_file_stale(
    tmp_path: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import govgraph.build
    from govgraph.build import check_output
    from govgraph.render import html

    model, out = _built(tmp_path)
    # The version is changed in this process, not in govgraph's files, by which a kept plan's outline goes.
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    monkeypatch.setattr(govgraph.build, "__version__", "99.0")
    monkeypatch.setattr(html, "__version__", "99.0")
    stale = {str(d) for d in check_output(load(model), out)}
    drawn = {f"changed: {p}" for p in tree(out) if p.endswith((".svg", ".png", ".pdf", ".html"))}
    assert stale == drawn


# Permissions ----------------------------------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_built_files_follow_the_umask_and_replaced_ones_keep_their_mode(tmp_path: Path, engine: str) -> None:
    model = small_model(tmp_path / "model")
    out = tmp_path / "out"
    done = subprocess.run(
        [GOVGRAPH, "build", str(model), "-o", str(out)], umask=0o027, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert _mode(out) == 0o750
    assert _mode(out / "bodies") == 0o750
    assert _mode(out / "index.md") == 0o640
    assert _mode(out / MARKER) == 0o640
    out.chmod(0o755)
    (out / "index.md").chmod(0o644)
    (out / "bodies").chmod(0o711)
    model.write_text(CHANGED + "  new:\n    name: New\n    kind: project\n    reports_to: [board]\n", encoding="utf-8")
    done = subprocess.run(
        [GOVGRAPH, "build", str(model), "-o", str(out)], umask=0o077, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "The Renamed Project" in (out / "index.md").read_text(encoding="utf-8")
    assert _mode(out) == 0o755
    assert _mode(out / "index.md") == 0o644  # replaced: keeps the mode it had
    assert _mode(out / "bodies") == 0o711
    assert _mode(out / "bodies" / "project.md") == 0o640  # replaced (the project was renamed): as it was
    assert _mode(out / "bodies" / "new.md") == 0o600  # new: as umask 077 makes it


def test_a_file_written_with_o_follows_the_umask_and_keeps_the_mode_it_had(tmp_path: Path) -> None:
    model = small_model(tmp_path / "model")
    chart = tmp_path / "chart.mmd"
    done = subprocess.run(
        [GOVGRAPH, "render", str(model), "--format", "mermaid", "-o", str(chart)],
        umask=0o022,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert _mode(chart) == 0o644
    chart.chmod(0o640)
    done = subprocess.run(
        [GOVGRAPH, "render", str(model), "--format", "mermaid", "-o", str(chart)],
        umask=0o022,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert _mode(chart) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.mmd", "model"]


# Builds that run at once ------------------------------------------------------------------------------------


def _wide(path: Path, n: int) -> Path:
    """A model of `n` projects under one board: its build takes long enough to be caught in the middle."""
    lines = ["govgraph: 1", "title: Wide", "bodies:", "  board:", "    name: Board", "    kind: board"]
    for i in range(n):
        lines += [f"  p{i:04d}:", f"    name: Project {i}", "    kind: project", "    reports_to: [board]"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([GOVGRAPH, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _when_staging(folder: Path, process: subprocess.Popen[str]) -> None:
    """Wait until `process` is writing diagrams into a staging folder in `folder`."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any(list(p.glob("diagrams/bodies/*.svg")) for p in folder.glob(".govgraph-new-*")):
            return
        time.sleep(0.01)
    raise AssertionError("the build finished before a second one could start")


def test_two_builds_of_one_folder_at_once_take_turns(tmp_path: Path, engine: str) -> None:
    # A long build, and a short one of another model into the same folder started while the first is writing
    # (`govgraph serve` rebuilding while someone runs `govgraph build`): the second waits, then replaces the
    # first's output whole. Without turns, the second removed the first's half-written folder, and the first then
    # put what it wrote after that in place of the second's output.
    wide = _wide(tmp_path / "wide" / "governance.yaml", 300)
    small = small_model(tmp_path / "small")
    out = tmp_path / "out"
    first = _start("build", str(wide), "-o", str(out))
    _when_staging(tmp_path, first)
    second = _start("build", str(small), "-o", str(out))
    for process in (first, second):
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    reference = tmp_path / "reference"
    build(load(small), reference)
    assert tree(out) == tree(reference)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "reference", "small", "wide"]


def test_a_build_never_removes_the_staging_folder_of_another_target(tmp_path: Path, engine: str) -> None:
    # `out` and `out-2` share a prefix: the build of `out` must not take `out-2`'s folders for its own.
    model = _wide(tmp_path / "model" / "governance.yaml", 300)
    small = small_model(tmp_path / "small")
    long = _start("build", str(model), "-o", str(tmp_path / "out-2"))
    _when_staging(tmp_path, long)
    quick = govgraph("build", str(small), "-o", str(tmp_path / "out"))
    assert quick.returncode == 0, quick.stderr
    _, stderr = long.communicate(timeout=600)
    assert long.returncode == 0, stderr
    assert (tmp_path / "out-2" / "bodies" / "p0299.md").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "out", "out-2", "small"]


def test_a_build_that_waits_too_long_for_another_says_so(tmp_path: Path, engine: str) -> None:
    from govgraph.build import folder
    from govgraph.errors import OutputBusy

    model = small_model(tmp_path / "model")
    out = tmp_path / "out"
    loaded = load(model)
    with pytest.MonkeyPatch.context() as patch, folder.locked(out):
        patch.setattr(folder, "LOCK_TIMEOUT", 0.3)
        with pytest.raises(OutputBusy, match=f"process {os.getpid()}\\) is writing {out}"):
            build(loaded, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


# Folders that cannot be written ---------------------------------------------------------------------------------

#: Linux's capabilities that let root read and write whatever the permission bits say (capability.h).
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _PR_CAPBSET_DROP = 1, 2, 24


def _as_permission_bits_say() -> None:
    """In the child, before govgraph starts: give up root's power to ignore permission bits (run as root, as in
    CI, a read-only folder stops no one). Dropped from the bounding set, the capabilities are gone from the program
    the child runs: it stays root, and reads the installation as before, but the bits apply to it."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop root's capability to ignore permission bits")


@pytest.fixture
def unprivileged(tmp_path: Path) -> Iterator[tuple[Path, Callable[..., Any]]]:
    """A folder, and a way to run govgraph in it that permission bits stop, root or not (fails, not skips, where
    root cannot give the power up)."""
    root = os.geteuid() == 0

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [GOVGRAPH, *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
            timeout=300,
            preexec_fn=_as_permission_bits_say if root else None,
        )

    try:
        yield tmp_path, run
    finally:
        for folder, _, _ in os.walk(tmp_path):
            Path(folder).chmod(0o755)


@pytest.mark.parametrize("read_only", ["parent", "output", "subfolder"])
def test_a_read_only_folder_is_named_and_the_output_stays(
    read_only: str, unprivileged: tuple[Path, Callable[..., Any]], engine: str
) -> None:
    work, run = unprivileged
    small_model(work / "model")
    (work / "site").mkdir()
    first = run("build", "model/governance.yaml", "-o", "site/out")
    assert first.returncode == 0, first.stderr
    assert run("build", "model/governance.yaml", "-o", "site/out").returncode == 0
    folder = {"parent": "site", "output": "site/out", "subfolder": "site/out/bodies"}[read_only]
    (work / folder).chmod(0o555)
    (work / "model" / "governance.yaml").write_text(CHANGED, encoding="utf-8")
    before = tree(work / "site")
    done = run("build", "model/governance.yaml", "-o", "site/out")
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith(f"govgraph: cannot build into site/out: the folder {folder} ")
    assert ("is read-only" if read_only != "parent" else "cannot be written by you (permission denied)") in done.stderr
    assert "bug" not in done.stderr
    assert "Traceback" not in done.stderr
    assert tree(work / "site") == before
    assert sorted(p.name for p in (work / "site").iterdir()) == ["out"]


def test_a_new_output_folder_in_a_read_only_folder_is_named(
    unprivileged: tuple[Path, Callable[..., Any]], engine: str
) -> None:
    work, run = unprivileged
    small_model(work)
    (work / "locked").mkdir(0o555)
    done = run("build", "governance.yaml", "-o", "locked/new/output")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "cannot build into locked/new/output: the folder locked/new cannot be written by you" in done.stderr
    assert list((work / "locked").iterdir()) == []


def test_the_mkdocs_plugin_rebuilds_its_cache_left_by_an_older_govgraph(tmp_path: Path, engine: str) -> None:
    # The plugin's cache is its own folder: a marker of the first format (which did not record what it wrote)
    # there is its own earlier build, not a reason to stop the site's build.
    import json
    import tempfile

    small_model(tmp_path / "model")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Handbook\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Handbook\nplugins:\n  - govgraph:\n      model: model/governance.yaml\n", "utf-8")
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    first = subprocess.run([mkdocs, "build"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    key = hashlib.sha256(str(config.resolve()).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"govgraph-mkdocs-{key}" / "governance"
    listed = sorted(tree(cache))
    (cache / MARKER).write_text(json.dumps({"govgraph_build": 1, "files": listed, "diagrams": {}}), "utf-8")
    (tmp_path / "model" / "governance.yaml").write_text(CHANGED, encoding="utf-8")
    again = subprocess.run([mkdocs, "build"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert "The Renamed Project" in (tmp_path / "site" / "governance" / "index.html").read_text("utf-8")


def test_a_folder_path_longer_than_the_system_allows_is_a_clear_refusal(tmp_path: Path, engine: str) -> None:
    model = small_model(tmp_path / "model")
    deep = tmp_path.joinpath(*["d" * 200] * 21)  # 21 names of 200 bytes: over 4,096 bytes
    done = govgraph("build", str(model), "-o", str(deep))
    assert done.returncode == 2, done.stderr
    assert "give a shorter folder path" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]

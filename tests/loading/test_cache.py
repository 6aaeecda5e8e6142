"""Models already read are kept between runs (`govgraph.loading.cache`): read again only when something they
depend on changed, never kept when the file has problems, and only read back from the user's own folder."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from govgraph import kept, vocabulary
from govgraph.errors import ModelError
from govgraph.loading import load
from govgraph.vocabulary import StatusTerm

MODEL = "govgraph: 1\ntitle: Kept\nbodies:\n  b: {name: Board, kind: board}\n"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time a file is really read (validated), its name."""
    import govgraph.loading.validate as validate_module

    seen: list[str] = []
    original = validate_module.validate

    def counting(document: object) -> object:
        seen.append(str(getattr(document, "file", "")))
        return original(document)  # type: ignore[arg-type]

    monkeypatch.setattr(validate_module, "validate", counting)
    return seen


def test_a_file_read_once_is_not_read_again(kept_folder: Path, tmp_path: Path, reads: list[str]) -> None:
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL, encoding="utf-8")
    first = load(path)
    second = load(path)
    assert len(reads) == 1
    assert second == first
    assert second is not first
    # The folder and what is kept in it are the user's alone.
    assert stat.S_IMODE(kept_folder.stat().st_mode) == 0o700
    [kept] = list(kept_folder.iterdir())
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_changed_file_is_read_again(kept_folder: Path, tmp_path: Path, reads: list[str]) -> None:
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL, encoding="utf-8")
    load(path)
    path.write_text(MODEL.replace("Board", "New Board"), encoding="utf-8")
    assert load(path).bodies["b"].name == "New Board"
    assert len(reads) == 2
    assert len(list(kept_folder.iterdir())) == 1  # one kept model per file, replaced


def test_the_same_bytes_under_another_name_are_read_for_that_name(kept_folder: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(MODEL, encoding="utf-8")
    b.write_text(MODEL, encoding="utf-8")
    assert load(a).bodies["b"].location.file == str(a)
    assert load(b).bodies["b"].location.file == str(b)


def test_a_file_with_problems_is_never_kept(kept_folder: Path, tmp_path: Path, reads: list[str]) -> None:
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL.replace("kind: board", "kind: bord"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ModelError) as refused:
            load(path)
        assert [f.code for f in refused.value.findings] == ["GG114"]
    assert len(reads) == 2
    assert not kept_folder.exists() or not list(kept_folder.iterdir())


def test_another_vocabulary_reads_the_file_again(kept_folder: Path, tmp_path: Path, reads: list[str]) -> None:
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL, encoding="utf-8")
    load(path)
    with vocabulary.extended(StatusTerm(name="paused", label="paused")):
        load(path)
    assert len(reads) == 2


def test_keeping_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: list[str]) -> None:
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL, encoding="utf-8")
    load(path)
    load(path)
    assert len(reads) == 2
    assert not (tmp_path / "xdg").exists()


def test_the_folder_defaults_to_the_users_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GOVGRAPH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert kept.folder() == tmp_path / "govgraph"


def test_nothing_is_read_back_from_a_folder_others_can_write_to(
    kept_folder: Path, tmp_path: Path, reads: list[str]
) -> None:
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL, encoding="utf-8")
    load(path)
    kept_folder.chmod(0o777)
    load(path)
    assert len(reads) == 2
    kept_folder.chmod(0o700)
    [kept] = list(kept_folder.iterdir())
    kept.chmod(0o666)
    load(path)
    assert len(reads) == 3


def test_what_cannot_be_read_back_is_read_from_the_file(kept_folder: Path, tmp_path: Path, reads: list[str]) -> None:
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL, encoding="utf-8")
    load(path)
    [kept] = list(kept_folder.iterdir())
    data = kept.read_bytes()
    kept.write_bytes(data[: len(data) // 2])  # cut short, as a full disk would leave it
    assert load(path).title == "Kept"
    kept.write_bytes(b"not a kept model at all")
    assert load(path).title == "Kept"
    assert len(reads) == 3


def test_a_folder_that_cannot_be_written_costs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GOVGRAPH_CACHE", str(blocked / "kept"))
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL, encoding="utf-8")
    assert load(path).title == "Kept"
    assert load(path).title == "Kept"

"""Every command on every real model under tests/data/real/, as a user runs it, and facts checked by hand.

The models are real governance written by others (tests/data/README.md gives each source): two NHS committees'
terms of reference, an ICB's structure, the Kubernetes community's groups at two dates, and OpenStack's project
teams, SIGs and Technical Committee, the Rust project's teams, and Project Jupyter's councils, Subprojects,
Standing Committees and Working Groups. Each command must
answer without an internal error (exit 3) or a traceback, with output that is not empty and parses as what it
claims to be; the facts asserted below were read off the source by hand. Where today's code answers wrongly on
this data the test asserts the right answer and is marked `xfail(strict=True)` with the issue item, so it
flips when the item is fixed.

The question commands run in-process (click's runner: the same code the command runs, without an interpreter
start per call); diagrams, builds and diffs run the installed `govgraph` as a user would, each once per session.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import support
from govgraph.cli import cli
from govgraph.errors import EngineNotFound
from govgraph.loading import load, load_bytes
from govgraph.render.engine import find_engine
from govgraph.render.measure import measure_svg

# One test process runs this file's tests (`--dist loadgroup`): its module fixtures draw, diff and export every real
# model (about 10 s), which each process running one of them would do again.
pytestmark = pytest.mark.xdist_group("real-models")

GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))
REAL = support.TESTS / "data" / "real"
K8S_2018 = REAL / "kubernetes-2018.yaml"
K8S_2020 = REAL / "kubernetes-2020.yaml"
NTH = REAL / "nhs" / "nth-audit-committee.yaml"
LSC = REAL / "nhs" / "lsc-icb-engagement-committee.yaml"
SWL = REAL / "nhs" / "swl-icb.yaml"
NWAS = REAL / "nhs" / "nwas-board-committees.yaml"
LINCS = REAL / "nhs" / "lincs-icb-committees.yaml"
OPENSTACK = REAL / "openstack-2020.yaml"
RUST = REAL / "rust-teams.yaml"
LANCASTER = REAL / "council" / "lancaster-committees.yaml"
CNCF = REAL / "cncf-tags-2025.yaml"
JUPYTER = REAL / "jupyter-governance.yaml"
MODELS = {
    path.stem: path
    for path in (K8S_2018, K8S_2020, NTH, LSC, SWL, NWAS, LINCS, OPENSTACK, RUST, LANCASTER, CNCF, JUPYTER)
}

# One body of each model to ask about: a body with a line up (chain, path) and the body it reaches.
ASK = {
    "kubernetes-2018": ("kubectl", "SIG CLI"),
    "kubernetes-2020": ("kubectl", "SIG CLI"),
    "nth-audit-committee": ("Audit Committee", "Board"),
    "lsc-icb-engagement-committee": ("PIEAC", "LSC ICB Board"),
    "swl-icb": ("Remuneration Committee", "SWL ICB Board"),
    "nwas-board-committees": ("NARC", "Board of Directors"),
    "lincs-icb-committees": ("Remuneration Committee", "ICB Board"),
    "openstack-2020": ("oslo", "Technical Committee"),
    "rust-teams": ("Polonius working area", "Compiler team"),
    "lancaster-committees": ("Overview and Scrutiny Committee", "Full Council"),
    "cncf-tags-2025": ("Batch", "TOC"),
    "jupyter-governance": ("Voilà", "EC"),
}
DIAGRAMS = ("dot", "svg", "png", "pdf", "mermaid", "html")
EXPORTS = ("graphml", "gexf", "json", "jsonld", "csv", "cypher")
DIFFS = ("text", "markdown", "json", "dot", "svg", "mermaid")

# A4 landscape in points, and the text size of a box's name: a diagram printed on A4 must keep that text at
# 7 pt or more (issue 22), so it may be at most 11/7 of the page in each direction.
A4 = (842.0, 595.0)
NAME_PT = 11.0


def engine_or_fail() -> None:
    """Skip without Graphviz, except under GOVGRAPH_REQUIRE_ENGINES=1 (CI), where its absence fails."""
    try:
        find_engine()
    except EngineNotFound as exc:
        if os.environ.get("GOVGRAPH_REQUIRE_ENGINES") == "1":
            pytest.fail(f"GOVGRAPH_REQUIRE_ENGINES=1 but {exc.message}")
        pytest.skip("no Graphviz engine (install graphviz or graphviz-pure)")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user types it."""
    return support.govgraph(*args, cwd=cwd)


ask = support.ask


def clean(done: subprocess.CompletedProcess[str], *, allowed: tuple[int, ...] = (0,)) -> None:
    """A run that ended as a user expects: an allowed exit code, never an internal error or a traceback."""
    assert done.returncode != 3, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode in allowed, (done.returncode, done.stderr)


def well_formed(path: Path, fmt: str) -> None:
    """`path` exists, is not empty and parses as `fmt`."""
    data = path.read_bytes()
    assert data, path
    if fmt in ("svg", "graphml", "gexf"):
        ET.fromstring(data)
    elif fmt == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    elif fmt == "pdf":
        assert data.startswith(b"%PDF-")
    elif fmt in ("json", "jsonld"):
        json.loads(data)
    elif fmt == "csv":
        with zipfile.ZipFile(path) as archive:
            assert {"bodies.csv", "relations.csv", "membership.csv"} <= set(archive.namelist())
    elif fmt == "html":
        assert b"<html" in data[:2000].lower()
        assert b"</html>" in data[-200:].lower()
    elif fmt == "dot":
        assert data.lstrip().startswith((b"digraph", b"strict digraph"))
    elif fmt == "mermaid":
        assert data.lstrip().startswith(b"flowchart")
    elif fmt == "cypher":
        assert b"MERGE" in data
    else:
        assert data.decode("utf-8").strip()


def svg_size(path: Path) -> tuple[float, float]:
    """The width and height of an SVG the engine wrote, in points."""
    root = ET.fromstring(path.read_bytes())
    return float(root.get("width", "0").removesuffix("pt")), float(root.get("height", "0").removesuffix("pt"))


def fits_a4(width: float, height: float) -> bool:
    """Whether a drawing of this size, fitted to A4 either way round, keeps 11 pt names at 7 pt or more."""
    scale = max(
        min(A4[0] / width, A4[1] / height, 1.0),
        min(A4[1] / width, A4[0] / height, 1.0),
    )
    return NAME_PT * scale >= 7.0


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("real")


@pytest.fixture(scope="module")
def diagrams(out: Path) -> dict[tuple[str, str], Path]:
    """Every model drawn whole in every format, once for the module."""
    engine_or_fail()
    made: dict[tuple[str, str], Path] = {}
    for name, model in MODELS.items():
        for fmt in DIAGRAMS:
            target = out / f"{name}.{fmt}"
            clean(run("render", "-m", str(model), "--format", fmt, "-o", str(target)))
            made[name, fmt] = target
    return made


@pytest.fixture(scope="module")
def diffs(out: Path) -> dict[str, Path]:
    """The Kubernetes groups of 2018 against those of 2020, in every format, once for the module."""
    engine_or_fail()
    made: dict[str, Path] = {}
    for fmt in DIFFS:
        target = out / f"diff.{fmt}"
        clean(run("diff", str(K8S_2018), str(K8S_2020), "--format", fmt, "-o", str(target)))
        made[fmt] = target
    return made


# ---------------------------------------------------------------------------------------------------- the data


def test_every_real_model_loads_and_checks_without_errors() -> None:
    for name, model in MODELS.items():
        done = run("check", str(model))
        clean(done)
        assert "error" not in done.stdout.lower().replace("0 errors", ""), (name, done.stdout)


@pytest.mark.parametrize(
    ("converter", "models"),
    [
        ("convert_k8s_sigs.py", (K8S_2018, K8S_2020)),
        ("convert_openstack.py", (OPENSTACK,)),
        ("convert_rust_teams.py", (RUST,)),
    ],
)
def test_the_converters_reproduce_the_committed_models(
    tmp_path: Path, converter: str, models: tuple[Path, ...]
) -> None:
    # The models are generated: running the converter on the committed sources must give the committed bytes.
    convert = REAL / "convert"
    copy = tmp_path / "real"
    (copy / "convert").mkdir(parents=True)
    (copy / "source").mkdir()
    for script in convert.glob("*.py"):
        (copy / "convert" / script.name).write_bytes(script.read_bytes())
    for source in (REAL / "source").glob("*.yaml"):
        (copy / "source" / source.name).write_bytes(source.read_bytes())
    done = subprocess.run(
        [sys.executable, str(copy / "convert" / converter)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    for model in models:
        assert (copy / model.name).read_bytes() == model.read_bytes(), model.name


def test_the_kubernetes_models_are_of_the_size_the_sources_give() -> None:
    assert len(load(K8S_2018).bodies) == 126
    assert len(load(K8S_2020).bodies) == 193


def test_every_tor_facts_file_quotes_its_committee_and_names_roles_of_its_model() -> None:
    files = sorted((REAL / "nhs").glob("*.tor-facts.yaml"))
    assert len(files) == 2
    for path in files:
        facts = yaml.safe_load(path.read_text(encoding="utf-8"))
        model = load(path.parent / facts["model"])
        assert facts["committee"] in model.bodies
        assert facts["source"]["url"] in {str(source.url) for source in model.sources.values()}
        for fact in facts["facts"]:
            assert fact["quote"].strip()
            assert fact["where"].strip()
            assert fact["topic"]
            for role in fact.get("roles", []):
                assert role in model.roles, (path.name, role)


# -------------------------------------------------------------------------------------------------- questions


@pytest.mark.parametrize("name", sorted(MODELS))
def test_questions_answer_on_every_model(name: str) -> None:
    model = str(MODELS[name])
    low, high = ASK[name]
    for fmt in ("text", "json", "mermaid"):
        for args in (("show", low), ("chain", low), ("under", high), ("path", low, high)):
            answer = ask(args[0], "-m", model, *args[1:], "--format", fmt)
            if fmt == "json":
                json.loads(answer)
            if fmt == "mermaid":
                assert answer.startswith("flowchart")
    ask("roles", "-m", model)
    ask("timeline", model)


def test_sig_auth_2020_is_co_chaired_by_three_and_has_three_technical_leads() -> None:
    card = ask("show", "-m", str(K8S_2020), "SIG Auth")
    chairs = card.split("co-chairs:\n", 1)[1].split("members:", 1)[0]
    assert re.findall(r"- (.+)", chairs) == ["Mo Khan", "Mike Danese", "Tim Allclair"]
    for lead in ("David Eads", "Jordan Liggitt", "Mike Danese"):
        assert f"{lead}, as technical lead" in card


def test_kubectl_is_part_of_sig_cli_in_both_years() -> None:
    for model in (K8S_2018, K8S_2020):
        chain = json.loads(ask("chain", "-m", str(model), "kubectl", "--format", "json"))
        assert json.dumps(chain).count("group-sig-cli") >= 1
        # sigs.yaml puts no body above a SIG, and a SIG is not a board nor written `top: true`: the line stops short,
        # as `check` says (GG304), and the chain no longer calls SIG CLI a top.
        said = ask("chain", "-m", str(model), "kubectl")
        assert "The line stops at SIG CLI, which is not a top" in said
        assert "Top:" not in said


def test_repo_infra_2020_is_shared_by_contributor_experience_and_testing() -> None:
    card = ask("show", "-m", str(K8S_2020), "repo-infra")
    assert "part of SIG Contributor Experience" in card
    assert "part of SIG Testing" in card


def test_the_steering_committee_2020_has_seven_chairs() -> None:
    card = ask("show", "-m", str(K8S_2020), "Steering Committee")
    chairs = card.split("co-chairs:\n", 1)[1].split("lines in:", 1)[0]
    assert len(re.findall(r"^  - ", chairs, flags=re.MULTILINE)) == 7


def test_david_eads_2020_chairs_api_machinery_and_leads_two_sigs() -> None:
    load_text = ask("roles", "-m", str(K8S_2020), "deads2k")
    assert "SIG API Machinery (co-chair)" in load_text
    assert "SIG API Machinery, as technical lead" in load_text
    assert "SIG Auth, as technical lead" in load_text


def test_sig_documentation_2018_was_led_by_two() -> None:
    card = ask("show", "-m", str(K8S_2018), "SIG Documentation")
    assert "Zach Corleissen" in card
    assert "Jared Bhatti" in card


def test_the_nth_audit_committee_reports_to_the_board_and_a_non_executive_chairs_it() -> None:
    card = ask("show", "-m", str(NTH), "Audit Committee")
    assert "reports to Board" in card
    assert "chair:\n  - Non-Executive Director" in card or "chairs:\n  - Non-Executive Director" in card
    assert "Director of Finance, as normally attends (§5.1)" in card


def test_the_lsc_engagement_committee_is_chaired_by_a_non_executive_and_reports_to_the_board() -> None:
    assert "Top: LSC ICB Board." in ask("chain", "-m", str(LSC), "PIEAC")
    card = ask("show", "-m", str(LSC), "LSC ICB Board")
    assert "Non-executive chair" in card
    assert "VCFSE [organisation], as participant" in card


def test_the_swl_board_has_its_three_committees_under_it() -> None:
    tree = ask("under", "-m", str(SWL), "SWL ICB Board", "--depth", "1")
    for committee in ("Audit and Risk Committee", "Finance and Planning Committee", "Remuneration Committee"):
        assert committee in tree


def test_the_top_of_an_swl_committees_accountability_is_the_icb_board() -> None:
    assert "Top: SWL ICB Board." in ask("chain", "-m", str(SWL), "Audit and Risk Committee")


def test_a_group_whose_source_gives_no_status_is_not_shown_as_active() -> None:
    # sigs.yaml says nothing of any group's status; the card must not say it is active.
    assert "status: active" not in ask("show", "-m", str(K8S_2020), "SIG Auth")


def test_a_subproject_named_like_its_sigs_id_still_loads() -> None:
    # The natural ids of the Kubernetes groups are their `dir`s; SIG Release then has the id `sig-release` and a
    # subproject (here given another id) whose name is `sig-release`, as the file lists one. The model is readable:
    # an id names one body, and the name is an answer with both, not a load error.
    text = K8S_2018.read_text(encoding="utf-8")
    text = text.replace("\n  sig-release:\n", "\n  release-subproject:\n")
    text = text.replace("group-sig-release", "sig-release")
    model = load_bytes(text.encode("utf-8"), "kubernetes-2018-dir-ids.yaml")
    assert model.bodies["sig-release"].name == "SIG Release"
    assert model.bodies["release-subproject"].name == "sig-release"
    assert model.resolve("sig-release") == "sig-release"  # an id always wins over a name


# --------------------------------------------------------------------------------------------------- diagrams


@pytest.mark.parametrize("fmt", DIAGRAMS)
def test_every_model_renders_whole_in_every_format(diagrams: dict[tuple[str, str], Path], fmt: str) -> None:
    for name in MODELS:
        well_formed(diagrams[name, fmt], fmt)


def test_the_nhs_diagrams_fit_a4(diagrams: dict[tuple[str, str], Path]) -> None:
    for name in (
        "nth-audit-committee",
        "lsc-icb-engagement-committee",
        "swl-icb",
        "nwas-board-committees",
        "lincs-icb-committees",
    ):
        assert fits_a4(*svg_size(diagrams[name, "svg"])), name


def sheets_beside(overview: Path) -> list[Path]:
    """The overview a linked set was written to, and every sheet written beside it (`NAME-<branch>.svg`)."""
    return [overview, *sorted(overview.parent.glob(f"{overview.stem}-*{overview.suffix}"))]


def prints_on_a4(path: Path) -> bool:
    """Both measures agree: the drawing's size fitted to A4 keeps 11 pt names at 7 pt (this module's own), and
    the names the engine drew, measured in the SVG, print at 7 pt or more (`govgraph.render.measure`)."""
    return fits_a4(*svg_size(path)) and measure_svg(path.read_text(encoding="utf-8")).readable


def test_the_kubernetes_overview_and_its_sheets_fit_a4(diagrams: dict[tuple[str, str], Path]) -> None:
    # 193 bodies with 40 tops were drawn as a 12,000 pt strip; now an overview and the sheets its boxes open.
    sheets = sheets_beside(diagrams["kubernetes-2020", "svg"])
    assert len(sheets) > 1
    assert [p.name for p in sheets if not prints_on_a4(p)] == []


def test_the_swl_board_box_does_not_repeat_its_chairs_title(diagrams: dict[tuple[str, str], Path]) -> None:
    # The SWL board page calls the post "The chair"; the box should name it once, not "Chair: Chair".
    dot = diagrams["swl-icb", "dot"].read_text(encoding="utf-8")
    assert "Chair: Chair" not in dot
    assert '<font point-size="9" color="#3D3D3D">Chair</font>' in dot  # named once, under the board's name


def test_a_focused_diagram_of_a_large_sig_draws_its_subprojects(out: Path) -> None:
    engine_or_fail()
    target = out / "cluster-lifecycle.svg"
    clean(run("render", "-m", str(K8S_2020), "--focus", "SIG Cluster Lifecycle", "--down", "1", "-o", str(target)))
    well_formed(target, "svg")
    drawn = target.read_bytes()
    for subproject in (b"cluster-api-provider-vsphere", b"kubeadm", b"minikube"):
        assert subproject in drawn


# ------------------------------------------------------------------------------------------------------ build


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_model_builds_and_the_build_checks_as_current(out: Path, name: str) -> None:
    engine_or_fail()
    folder = out / f"build-{name}"
    clean(run("build", str(MODELS[name]), "-o", str(folder)))
    index = (folder / "index.md").read_text(encoding="utf-8")
    assert index.strip()
    pages = sorted((folder / "bodies").glob("*.md"))
    assert len(pages) == len(load(MODELS[name]).bodies)
    json.loads((folder / "governance.json").read_text(encoding="utf-8"))
    clean(run("build", str(MODELS[name]), "-o", str(folder), "--check"))


# -------------------------------------------------------------------------------------------- change and time


@pytest.mark.parametrize("fmt", DIFFS)
def test_the_two_dates_diff_in_every_format(diffs: dict[str, Path], fmt: str) -> None:
    path = diffs[fmt]
    well_formed(path, "markdown" if fmt == "text" else fmt)


def test_the_diff_reports_what_changed_between_2018_and_2020(diffs: dict[str, Path]) -> None:
    text = diffs["text"].read_text(encoding="utf-8")
    # dir sig-docs was named "Documentation" in 2018 and "Docs" in 2020.
    assert "renamed from “SIG Documentation” to “SIG Docs”" in text
    # Cluster Lifecycle listed cluster-proportional-autoscaler in 2018, Autoscaling lists it in 2020.
    assert "part of moved from SIG Cluster Lifecycle to SIG Autoscaling" in text
    assert "SIG AWS (group-sig-aws) removed" in text
    assert "Steering Committee (group-committee-steering) added" in text
    summary = json.loads(diffs["json"].read_text(encoding="utf-8"))["summary"]
    assert summary, summary


def test_the_diff_says_a_new_member_of_sig_auth_sits_as_technical_lead(diffs: dict[str, Path]) -> None:
    assert "new member: David Eads, as technical lead" in diffs["text"].read_text(encoding="utf-8")


def test_the_diff_diagram_fits_a4(diffs: dict[str, Path]) -> None:
    # The 2018-2020 diff was drawn 25,593 pt wide; now divided as any large diagram is, every sheet readable.
    sheets = sheets_beside(diffs["svg"])
    assert len(sheets) > 1
    assert [p.name for p in sheets if not prints_on_a4(p)] == []


def test_the_timeline_of_a_model_without_dates_says_so() -> None:
    assert "0 events" in ask("timeline", str(K8S_2020))


# ---------------------------------------------------------------------------------------------------- exchange


@pytest.fixture(scope="module")
def exports(out: Path) -> dict[tuple[str, str], Path]:
    made: dict[tuple[str, str], Path] = {}
    for name, model in MODELS.items():
        for fmt in EXPORTS:
            target = out / f"{name}-export.{'zip' if fmt == 'csv' else fmt}"
            result = CliRunner().invoke(cli, ["export", str(model), "--format", fmt, "-o", str(target)])
            assert result.exit_code == 0, result.output
            made[name, fmt] = target
    return made


@pytest.mark.parametrize("fmt", EXPORTS)
def test_every_model_exports_in_every_format(exports: dict[tuple[str, str], Path], fmt: str) -> None:
    for name in MODELS:
        well_formed(exports[name, fmt], fmt)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_the_exported_json_imports_back_to_the_same_structure(
    exports: dict[tuple[str, str], Path], out: Path, name: str
) -> None:
    back = out / f"{name}-back.yaml"
    clean(run("import", "json", str(exports[name, "json"]), "-o", str(back)))
    clean(run("check", str(back)), allowed=(0,))
    original, again = load(MODELS[name]), load(back)
    assert sorted(again.bodies) == sorted(original.bodies)
    assert sorted(again.roles) == sorted(original.roles)
    for body_id, body in original.bodies.items():
        assert [c.role for c in again.bodies[body_id].chairs] == [c.role for c in body.chairs], body_id


def test_a_csv_export_to_a_csv_file_is_csv(out: Path) -> None:
    target = out / "bodies.csv"
    result = CliRunner().invoke(cli, ["export", str(NTH), "--format", "csv", "-o", str(target)])
    # Either the file holds CSV text, or the contradiction is refused as a usage error.
    assert result.exit_code == 2 or not zipfile.is_zipfile(target)

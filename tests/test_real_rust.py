"""Facts of the Rust project's teams (tests/data/real/rust-teams.yaml), read off the team files by hand.

The source (tests/data/README.md): an excerpt of 77 files of the `rust-lang/team` repository's teams/ directory,
each at the commit named in tests/data/real/source/rust-teams.yaml. Every command runs on the model in
tests/test_real_models.py (which also checks that the converter reproduces it); here are the answers someone who
knows the teams would check against the files.
"""

from __future__ import annotations

import functools

import yaml

import support
from govgraph.loading import load

RUST = support.TESTS / "data" / "real" / "rust-teams.yaml"
SOURCE = support.TESTS / "data" / "real" / "source" / "rust-teams.yaml"


ask = functools.partial(support.ask, model=RUST)


def test_the_model_has_one_body_for_each_of_the_seventy_seven_files_copied() -> None:
    # Counted by hand in the excerpt: 77 files, from teams/bootstrap.toml to teams/wg-wasm.toml, none a marker
    # team; of them 22 working groups (kind "working-group" or `wg = true`: wg-allocators to wg-wasm) and 8
    # project groups (kind "project-group": const generics, const traits, exploit mitigations, impl trait, negative
    # impls, portable SIMD, stable MIR, trait system refactor).
    model = load(RUST)
    assert len(model.bodies) == 77
    files = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))["files"]
    assert len(files) == 77
    kinds = [body.kind for body in model.bodies.values()]
    assert kinds.count("workstream") == 22
    assert kinds.count("project") == 8
    assert kinds.count("board") == 1


def test_the_compiler_team_is_co_chaired_by_its_two_leads() -> None:
    # teams/compiler.toml: leads = ["davidtwco", "wesleywiser"]; its members list names both again.
    card = ask("show", "Compiler team")
    assert "co-chairs:\n  - davidtwco\n  - wesleywiser\nmembers:\n" in card
    members = card.split("members:\n", 1)[1].split("lines in:", 1)[0]
    assert "  - davidtwco\n" not in members  # a lead is the chair, not a second seat


def test_polonius_is_a_subteam_of_types_which_is_a_subteam_of_compiler() -> None:
    # teams/wg-polonius.toml: subteam-of = "types"; teams/types.toml: subteam-of = "compiler".
    chain = ask("chain", "wg-polonius")
    assert "Polonius working area\n└── reports to Types team\n    └── reports to Compiler team\n" in chain
    assert "Top: Compiler team." in chain


def test_a_team_with_no_leads_has_no_chair() -> None:
    # teams/launching-pad.toml: leads = [], members = [] ("an umbrella team"); teams/leadership-council.toml:
    # leads = [].
    model = load(RUST)
    assert model.bodies["launching-pad"].chairs == ()
    assert model.bodies["launching-pad"].members == ()
    assert model.bodies["leadership-council"].chairs == ()


def test_the_leadership_council_seats_one_representative_of_each_top_level_team() -> None:
    # teams/leadership-council.toml: seven members, each with a council-rep-* role; eholk's is the compiler's.
    card = ask("show", "Leadership council")
    members = card.split("members:\n", 1)[1].split("sources:", 1)[0]
    assert members.count("as representative:") == 7
    assert "  - eholk, as representative: Compiler team\n" in members
    assert "  - technetos, as representative: Moderation team\n" in members


def test_a_handle_written_twice_in_a_file_is_one_seat() -> None:
    # teams/mods-venue.toml lists "rylev" twice among its eight members: seven people.
    model = load(RUST)
    seats = [m.member for m in model.bodies["mods-venue"].members]
    assert len(seats) == 7
    assert seats.count("gh-rylev") == 1


def test_the_language_team_has_twelve_bodies_under_it() -> None:
    # The files naming subteam-of = "lang": lang-advisors, lang-docs, lang-ops, opsem, spec, the const generics,
    # impl trait and negative impls project groups, wg-inline-asm and wg-safe-transmute (10); and book and
    # cookbook, subteams of lang-docs (2).
    under = ask("under", "lang")
    assert "12 bodies under Language team." in under
    assert "│   ├── book (reports to lang-docs team)\n" in under


def test_the_infrastructure_team_reports_to_nothing_here() -> None:
    # The stored teams/infra.toml names subteam-of = "operations", a file not copied: the model gives no line up.
    model = load(RUST)
    assert model.bodies["infra"].relations == ()
    assert model.bodies["bootstrap"].relations[0].target == "infra"

"""The A4 measure (`govgraph.render.measure`): what a drawn diagram's body names come out at on paper."""

from __future__ import annotations

import pytest

from govgraph.render.measure import A4, MARGIN, READABLE, fit_a4, measure_svg, page_area

NS = 'xmlns="http://www.w3.org/2000/svg"'


def svg(width: str, height: str, view: str, body: str, transform: str = "scale(1 1) rotate(0)") -> str:
    return (
        f'<svg width="{width}" height="{height}" viewBox="{view}" {NS}>'
        f'<g id="graph0" class="graph" transform="{transform}">{body}</g></svg>'
    )


def node(name_size: float, *others: float, classes: str = "node kind-board") -> str:
    texts = "".join(f'<text font-size="{size}">x</text>' for size in (name_size, *others))
    return f'<g class="{classes}"><title>n</title><polygon/>{texts}</g>'


def test_the_page_is_a4_less_its_margins() -> None:
    assert page_area("portrait") == pytest.approx((A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN))
    assert page_area("landscape") == pytest.approx((A4[1] - 2 * MARGIN, A4[0] - 2 * MARGIN))


def test_a_drawing_smaller_than_the_page_prints_at_its_own_size() -> None:
    measured = measure_svg(svg("200pt", "100pt", "0 0 200 100", node(12, 9) + node(11)))
    assert measured.scale == 1.0
    assert measured.names_smallest == pytest.approx(11)
    assert measured.names_median == pytest.approx(11.5)
    assert measured.bodies == 2
    assert measured.readable


def test_a_wide_drawing_is_printed_landscape_and_shrunk_with_its_names() -> None:
    # 2,000 pt wide: landscape holds 756.85 pt of it, so 11 pt names print at about 4.2 pt.
    measured = measure_svg(svg("2000pt", "300pt", "0 0 2000 300", node(11)))
    assert measured.orientation == "landscape"
    assert measured.scale == pytest.approx(page_area("landscape")[0] / 2000)
    assert measured.names_smallest == pytest.approx(11 * measured.scale)
    assert not measured.readable
    assert measured.aspect == pytest.approx(2000 / 300)
    assert "A4 landscape" in measured.describe()


def test_a_tall_drawing_is_printed_portrait() -> None:
    orientation, scale = fit_a4(500, 1500)
    assert orientation == "portrait"
    assert scale == pytest.approx(page_area("portrait")[1] / 1500)


def test_a_body_name_is_the_largest_text_of_its_box_and_the_legend_is_not_a_body() -> None:
    body = node(12, 9, 9) + node(7, classes="node legend") + '<g class="graph"><text font-size="16">Title</text></g>'
    measured = measure_svg(svg("300pt", "300pt", "0 0 300 300", body))
    assert measured.bodies == 1
    assert measured.names_smallest == pytest.approx(12)


def test_the_drawings_own_scale_and_units_count() -> None:
    # The viewBox is twice the size in points, and the drawing is scaled by a half again: a quarter in all.
    measured = measure_svg(svg("100pt", "50pt", "0 0 200 100", node(20), transform="scale(0.5 0.5) rotate(0)"))
    assert measured.names_smallest == pytest.approx(5)
    # Pixels are three quarters of a point.
    assert measure_svg(svg("400px", "100px", "0 0 400 100", node(10))).width == pytest.approx(300)
    assert READABLE == 7.0


@pytest.mark.parametrize("text", ["not xml", "<html/>", f'<svg {NS}><g class="node"/></svg>'])
def test_what_is_not_a_measurable_svg_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="SVG"):
        measure_svg(text)

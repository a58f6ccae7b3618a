"""Figures drawn by plotly.js in a real Chromium at a phone's and a desktop column's width:
what Plotly leaves out (tick labels it skips when bars are squeezed) only shows once drawn."""

from __future__ import annotations

import json
from pathlib import Path

import plotly
import pytest
from test_figures import INDICATOR, VOCAB, breakdown_frame, series_frame

from tracker import figures

pytestmark = pytest.mark.browser
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
DRAW = """async (spec) => {
    const chart = document.getElementById('chart');
    await Plotly.newPlot(chart, spec.data, spec.layout);
    const size = chart._fullLayout._size;
    return {
        ticks: [...chart.querySelectorAll('.yaxislayer-above .ytick text')].map(t => t.textContent),
        plot_height: size.h,
        title_top: chart.querySelector('.gtitle').getBoundingClientRect().top
            - chart.getBoundingClientRect().top,
        title_bottom: chart.querySelector('.gtitle').getBoundingClientRect().bottom
            - chart.getBoundingClientRect().top,
        ticks_top: Math.min(...[...chart.querySelectorAll('.yaxislayer-above .ytick text')]
            .map(t => t.getBoundingClientRect().top - chart.getBoundingClientRect().top)),
    };
}"""


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 800, "height": 1200})
    page = context.new_page()
    page.set_content("<div id='chart'></div>")
    page.add_script_tag(path=str(PLOTLY_JS))
    yield page
    context.close()


def drawn(page, fig, width: int) -> dict:
    spec = json.loads(fig.to_json())
    spec["layout"]["width"] = width
    return page.evaluate(DRAW, spec)


@pytest.mark.parametrize("width", [340, 600])  # a 375 px phone; a half of a 1280 px page
@pytest.mark.parametrize("bars", [4, 7, 12])
def test_every_bar_of_a_breakdown_is_labelled_once_drawn(page, width, bars):
    """The QA's 7 themes showed 4 labels: the legend's rows squeezed the bars until Plotly
    skipped every other label. Every category is labelled, each bar at least 20 px tall."""
    themes = ["Military accountability", "Rule of law", "Human rights", "Press freedom"]
    groups = [themes[n % 4] + f" {n}" for n in range(bars)]
    counts = breakdown_frame({group: list(VOCAB["outcome"]) for group in groups})
    result = drawn(page, figures.status_breakdown_bars(counts, "theme"), width)
    assert sorted(result["ticks"]) == sorted(groups)
    assert result["plot_height"] >= 20 * bars


@pytest.mark.parametrize(
    "name", ["Convictions", "Military-abuse investigations ending in conviction"]
)
def test_an_indicator_title_of_several_lines_is_drawn_inside_the_chart(page, name):
    """At 375 px the wrapped title's first line was drawn above the chart, cut off."""
    indicator = {**INDICATOR, "name": name}
    result = drawn(page, figures.indicator_figure(series_frame(), indicator), 340)
    assert result["title_top"] >= 0


@pytest.mark.parametrize("width", [340, 810])  # a 375 px phone; Public progress at 1280 px
@pytest.mark.parametrize(
    "name", ["COMAR asylum applications per year", "Military-abuse investigations ending in it"]
)
def test_an_indicator_title_never_overlaps_the_top_tick_label(page, name, width):
    """QA 4: the title's second line, "(higher is better)", was drawn over the y axis's top
    tick label "150k": the whole title sits above every tick label."""
    series = series_frame().assign(value=[1296.0, 70426.0, 140000.0])
    result = drawn(page, figures.indicator_figure(series, {**INDICATOR, "name": name}), width)
    assert result["title_top"] >= 0
    assert result["title_bottom"] <= result["ticks_top"], result

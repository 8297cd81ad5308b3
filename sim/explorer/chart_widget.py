"""A chart drawn in the browser by ECharts, from an option made in Python.

Like `solara.FigureEcharts`, but it loads ECharts' minified build (a third of the bytes: the
first chart comes sooner) from the files solara-assets serves on this machine, and it sets a new
option without animation. Built on ipyvuetify's public `VuetifyTemplate`.
"""

from __future__ import annotations

import ipyvuetify
import solara
import traitlets

TEMPLATE = """
<template>
  <div ref="chart" class="solara-echarts" :style="box"></div>
</template>
<script>
module.exports = {
  mounted() {
    const base = window.solara ? window.solara.cdn : "./_solara/cdn";
    const load = window.requirejs ? Promise.resolve() : new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = `${base}/requirejs@2.3.6/require.js`;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
    load.then(() => {
      requirejs([`${base}/echarts@5.4.0/dist/echarts.min.js`], (echarts) => {
        this.chart = echarts.init(this.$refs.chart);
        this.chart.setOption(this.option, true);
        this.observer = new ResizeObserver(() => this.chart && this.chart.resize());
        this.observer.observe(this.$refs.chart);
      });
    });
  },
  beforeDestroy() {
    if (this.observer) this.observer.disconnect();
    if (this.chart) this.chart.dispose();
  },
  watch: {
    option() {
      if (this.chart) this.chart.setOption(this.option, true);
    },
  },
};
</script>
"""


class ChartWidget(ipyvuetify.VuetifyTemplate):
    template = traitlets.Unicode(TEMPLATE).tag(sync=True)
    option = traitlets.Any({}).tag(sync=True)
    box = traitlets.Unicode("height: 260px; width: 100%;").tag(sync=True)


@solara.component
def Chart(option: dict, height: int = 260):
    """One chart; a new option redraws it."""
    return ChartWidget.element(option=option, box=f"height: {height}px; width: 100%;")

/* Cockpit charts (ECharts). The numbers come from <script type="application/json"
   id="cockpit-data"> (json_script): no inline script, the CSP allows only our files. */
(function () {
  "use strict";
  var COLOURS = { green: "#2e7d32", amber: "#f9a825", red: "#c62828", none: "#9e9e9e" };

  function fmt(v) {
    return v === null || v === undefined ? "—" : v.toFixed(2).replace(".", ",") + "%";
  }

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return null;
    var c = window.echarts.init(el, null, { renderer: "svg" });
    option.animation = false;
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
    window.addEventListener("beforeprint", function () { c.resize(); });
    return c;
  }

  function ranking(id, data, measure) {
    var d = data[measure];
    var order = data.names.map(function (n, i) { return i; })
      .filter(function (i) { return d.rate[i] !== null; })
      .sort(function (a, b) { return d.rate[a] - d.rate[b]; });
    chart(id, {
      grid: { left: 8, right: 48, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: fmt },
      legend: { top: 0 },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", data: order.map(function (i) { return data.names[i]; }),
               axisLabel: { width: 220, overflow: "truncate" } },
      series: [
        { name: data.labels[measure], type: "bar",
          data: order.map(function (i) {
            return { value: d.rate[i], itemStyle: { color: COLOURS[d.colour[i]] } };
          }),
          label: { show: true, position: "right", formatter: function (p) { return fmt(p.value); } } },
        { name: data.labels.target, type: "scatter", symbol: "diamond", symbolSize: 12,
          itemStyle: { color: "#212121" },
          data: order.map(function (i) { return d.target[i]; }) }
      ]
    });
  }

  function trend(id, data) {
    var t = data.trend;
    var line = function (name, values, dashed, colour) {
      return { name: name, type: "line", data: values, connectNulls: false,
               lineStyle: { type: dashed ? "dashed" : "solid", color: colour },
               itemStyle: { color: colour } };
    };
    var series = [
      line(data.labels.cases + " " + t.this_year, t.this_cases, false, "#1565c0"),
      line(data.labels.cases + " " + t.last_year, t.last_cases, true, "#1565c0"),
      line(data.labels.money + " " + t.this_year, t.this_money, false, "#ef6c00"),
      line(data.labels.money + " " + t.last_year, t.last_money, true, "#ef6c00")
    ];
    if (t.target_cases !== null) {
      series[0].markLine = { symbol: "none", data: [{ yAxis: t.target_cases, name: data.labels.target }],
                             lineStyle: { color: "#1565c0" }, label: { formatter: fmt(t.target_cases) } };
      series[2].markLine = { symbol: "none", data: [{ yAxis: t.target_money, name: data.labels.target }],
                             lineStyle: { color: "#ef6c00" }, label: { formatter: fmt(t.target_money) } };
    }
    chart(id, {
      grid: { left: 8, right: 56, top: 56, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: fmt },
      legend: { top: 0 },
      xAxis: { type: "category", name: data.labels.month, data: t.months },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: series
    });
  }

  function projection(id, data) {
    var names = data.names;
    var bar = function (name, values, colour) {
      return { name: name, type: "bar", data: values, itemStyle: { color: colour } };
    };
    chart(id, {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: fmt },
      legend: { top: 0 },
      xAxis: { type: "category", data: names, axisLabel: { interval: 0, width: 110, overflow: "truncate" } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        bar(data.labels.cases + " – " + data.labels.current, data.cases.rate, "#90caf9"),
        bar(data.labels.cases + " – " + data.labels.projected, data.cases.projected, "#1565c0"),
        { name: data.labels.cases + " – " + data.labels.target, type: "scatter", symbol: "diamond",
          symbolSize: 12, itemStyle: { color: "#212121" }, data: data.cases.target },
        bar(data.labels.money + " – " + data.labels.current, data.money.rate, "#ffcc80"),
        bar(data.labels.money + " – " + data.labels.projected, data.money.projected, "#ef6c00"),
        { name: data.labels.money + " – " + data.labels.target, type: "scatter", symbol: "triangle",
          symbolSize: 12, itemStyle: { color: "#5d4037" }, data: data.money.target }
      ]
    });
  }

  function start() {
    var el = document.getElementById("cockpit-data");
    if (!el) return;
    var data = JSON.parse(el.textContent);
    ranking("chart-rank-cases", data, "cases");
    ranking("chart-rank-money", data, "money");
    trend("chart-trend", data);
    projection("chart-projection", data);
    document.documentElement.setAttribute("data-charts", "ready");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

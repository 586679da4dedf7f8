// fazhi: supervision dashboard charts. The data comes from the page's
// data-chart attribute (JSON), so there is no inline script (CSP).
(function () {
  "use strict";
  // bar draws completion and on-time rates; with many names the bars lie
  // down and the chart grows so that every name stays readable.
  function bar(el, s, onClick) {
    var names = s.names || [];
    var many = names.length > 8;
    var cat = { type: "category", data: names, axisLabel: { interval: 0 } };
    var val = { type: "value", max: 100, axisLabel: { formatter: "{value}%" } };
    if (many) {
      cat.inverse = true;
      el.style.height = Math.max(320, names.length * 30 + 80) + "px";
    }
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + "%"; } },
      legend: { data: ["完成率", "按时完成率"] },
      grid: { left: 8, right: 24, bottom: 8, containLabel: true },
      xAxis: many ? val : cat,
      yAxis: many ? cat : val,
      series: [
        { name: "完成率", type: "bar", data: s.completion || [] },
        { name: "按时完成率", type: "bar", data: s.onTime || [] }
      ]
    });
    if (onClick) { chart.on("click", onClick); }
    return chart;
  }
  function line(el, m) {
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["报送", "采纳"] },
      grid: { left: 8, right: 16, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: m.names || [] },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "报送", type: "line", data: m.submitted || [] },
        { name: "采纳", type: "line", data: m.accepted || [] }
      ]
    });
    return chart;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("sv-charts");
    if (!root || typeof echarts === "undefined") { return; }
    var data = JSON.parse(root.getAttribute("data-chart") || "{}");
    var units = data.units || {};
    var charts = [
      bar(document.getElementById("chart-units"), units, function (p) {
        var link = (units.links || [])[p.dataIndex];
        if (link) { window.location.href = link; }
      }),
      bar(document.getElementById("chart-chapters"), data.chapters || {}),
      line(document.getElementById("chart-months"), data.months || {})
    ];
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();

// fazhi: 案卷评查 — the running total of the scoring table on the new-round
// form, live deductions on the scoring form, and the results charts. The
// chart data comes from a data-chart attribute (JSON): no inline script.
(function () {
  "use strict";
  function num(v) { var n = parseFloat(v); return isNaN(n) ? 0 : n; }
  function fmt(n) { return String(Math.round(n * 100) / 100); }

  // New round: the total of the points column; select all units.
  function tableTotal() {
    var out = document.getElementById("review-table-total");
    if (!out) { return; }
    var update = function () {
      var t = 0;
      document.querySelectorAll("#review-table .rv-points").forEach(function (i) { t += num(i.value); });
      out.textContent = fmt(t) + " 分";
      out.classList.toggle("rv-bad", Math.abs(t - 100) > 0.001);
    };
    document.getElementById("review-table").addEventListener("input", update);
    update();
    var all = document.getElementById("review-units-all");
    if (all) {
      all.addEventListener("change", function () {
        document.querySelectorAll('#review-units input[name="unit_id"]').forEach(function (c) { c.checked = all.checked; });
      });
    }
  }

  // Scoring: min(occurrences × per deduction, cap) per row, 100 − total.
  function scoring() {
    var table = document.getElementById("score-table");
    if (!table) { return; }
    var lines = document.getElementById("score-lines");
    var update = function () {
      var total = 0;
      table.querySelectorAll(".rv-score-row").forEach(function (row) {
        var n = num(row.querySelector(".rv-n").value);
        var d = Math.min(n * num(row.getAttribute("data-per")), num(row.getAttribute("data-cap")));
        total += d;
        row.querySelector(".rv-deducted").textContent = d > 0 ? "−" + fmt(d) : "";
      });
      var score = Math.round((100 - total) * 100) / 100;
      document.getElementById("score-total").textContent = fmt(score);
      var g = "不合格";
      if (score >= num(lines.getAttribute("data-excellent"))) { g = "优秀"; }
      else if (score >= num(lines.getAttribute("data-good"))) { g = "良好"; }
      else if (score >= num(lines.getAttribute("data-pass"))) { g = "合格"; }
      document.getElementById("score-grade").textContent = " 按当前填写：" + fmt(score) + "分，" + g + "。";
    };
    table.addEventListener("input", update);
    update();
  }

  function charts() {
    var root = document.getElementById("rv-charts");
    if (!root || typeof echarts === "undefined") { return; }
    var d = JSON.parse(root.getAttribute("data-chart") || "{}");
    var names = d.names || [];
    if (!names.length) { root.style.display = "none"; return; }
    var grid = { left: 8, right: 16, bottom: 8, top: 48, containLabel: true };
    var cat = { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 5 ? 30 : 0 } };
    var avg = echarts.init(document.getElementById("chart-average"));
    avg.setOption({
      title: { text: "平均分与优良率", left: 8, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" }, legend: { data: ["平均分", "优良率"], right: 8 }, grid: grid, xAxis: cat,
      yAxis: [{ type: "value", max: 100, name: "分" }, { type: "value", max: 100, name: "%" }],
      series: [
        { name: "平均分", type: "bar", data: d.average || [], label: { show: true, position: "top" } },
        { name: "优良率", type: "bar", yAxisIndex: 1, data: d.goodRate || [], itemStyle: { color: "#1b7a3a" },
          label: { show: true, position: "top", formatter: "{c}%" } }
      ]
    });
    var stack = function (name, data, color) { return { name: name, type: "bar", stack: "g", data: data || [], itemStyle: { color: color } }; };
    var grades = echarts.init(document.getElementById("chart-grades"));
    grades.setOption({
      title: { text: "等次分布（卷）", left: 8, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" }, legend: { right: 8 }, grid: grid, xAxis: cat, yAxis: { type: "value", minInterval: 1 },
      series: [stack("优秀", d.excellent, "#1b7a3a"), stack("良好", d.good, "#1f4e8c"), stack("合格", d.pass, "#9ca3af"), stack("不合格", d.fail, "#b3261e")]
    });
    window.addEventListener("resize", function () { avg.resize(); grades.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () { tableTotal(); scoring(); charts(); });
})();

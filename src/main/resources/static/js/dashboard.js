// Dashboard charts (ECharts): 14-day trends, per area and per checkpoint bars, observation funnel.
// Data comes with the page (data-charts, the same as the page-session endpoints /dashboard/data/* and
// /api/v1/dashboard*), else from those endpoints.
(function () {
  'use strict';
  // Tooltips drawn on the canvas: ECharts' HTML tooltips carry inline style attributes, which the
  // Content-Security-Policy (no 'unsafe-inline') refuses.
  function tooltip(trigger) { return {trigger: trigger, renderMode: 'richText'}; }
  function start() {
    var root = document.getElementById('dashboard');
    if (!root || typeof echarts === 'undefined') { return; }
    var labels = JSON.parse(root.dataset.labels || '{}');
    var query = '?area=' + encodeURIComponent(root.dataset.area) + '&date=' + encodeURIComponent(root.dataset.date);
    var charts = [];
    function chart(id) {
      var el = document.getElementById(id);
      if (!el) { return null; }
      var c = echarts.init(el);
      charts.push(c);
      return c;
    }
    var inline = root.dataset.charts ? JSON.parse(root.dataset.charts) : {};
    function get(path) {
      var name = path.substring(path.lastIndexOf('/') + 1);
      if (inline[name] !== undefined) { return Promise.resolve(inline[name]); }
      return fetch(path + query, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
    }
    var l = function (k) { return labels[k] || k; };

    get('/dashboard/data/trends').then(function (days) {
      var c = chart('chart-trends');
      if (!c) { return; }
      var series = ['passages', 'people', 'feverReferrals', 'riskArrivals', 'episodesStarted', 'checksAbnormal'];
      c.setOption({
        tooltip: tooltip('axis'), legend: {type: 'scroll', bottom: 0},
        grid: {left: 40, right: 12, top: 16, bottom: 48},
        xAxis: {type: 'category', data: days.map(function (d) { return d.date.substring(5); })},
        yAxis: {type: 'value'},
        series: series.map(function (k) {
          return {name: l(k), type: 'line', smooth: true, data: days.map(function (d) { return d[k] || 0; })};
        })
      });
    });
    get('/dashboard/data/breakdown').then(function (b) {
      function bars(id, rows) {
        var c = chart(id);
        if (!c) { return; }
        c.setOption({
          tooltip: tooltip('axis'), legend: {bottom: 0},
          grid: {left: 40, right: 12, top: 16, bottom: 72},
          xAxis: {type: 'category', data: rows.map(function (r) { return r.name; }), axisLabel: {rotate: 30, interval: 0}},
          yAxis: {type: 'value'},
          series: ['passages', 'people', 'feverReferrals'].map(function (k) {
            return {name: l(k), type: 'bar', data: rows.map(function (r) { return r[k] || 0; })};
          })
        });
      }
      bars('chart-areas', b.areas || []);
      bars('chart-checkpoints', b.checkpoints || []);
    });
    get('/dashboard/data/funnel').then(function (stages) {
      var c = chart('chart-funnel');
      if (!c) { return; }
      c.setOption({
        tooltip: tooltip('item'),
        series: [{type: 'funnel', sort: 'none', left: '10%', width: '80%', label: {formatter: '{b}: {c}'},
          data: stages.map(function (s) { return {name: l('funnel.' + s.key), value: s.value}; })}]
      });
    });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();

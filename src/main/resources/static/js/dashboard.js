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
    // the list behind a chart, for the same area and date (addresses made by the page: data-href-*, with XCODEX and
    // XDATEX to fill in)
    function open(template, code, date) {
      if (!template) { return; }
      window.location.assign(template.replace('XCODEX', encodeURIComponent(code || ''))
        .replace('XDATEX', encodeURIComponent(date || root.dataset.date)));
    }
    function clickable(c, handler) {
      c.on('click', handler);
      c.getZr().on('mousemove', function (e) { c.getZr().setCursorStyle(e.target ? 'pointer' : 'default'); });
    }

    get('/dashboard/data/trends').then(function (days) {
      var c = chart('chart-trends');
      if (!c) { return; }
      var series = ['passages', 'people', 'feverReferrals', 'riskArrivals', 'episodesStarted', 'checksAbnormal'];
      c.setOption({
        tooltip: tooltip('axis'), legend: {type: 'scroll', bottom: 0},
        grid: {left: 40, right: 12, top: 16, bottom: 48},
        xAxis: {type: 'category', data: days.map(function (d) { return d.date.substring(5); }), axisLabel: {hideOverlap: true}},
        yAxis: {type: 'value'},
        series: series.map(function (k) {
          return {name: l(k), type: 'line', smooth: true, data: days.map(function (d) { return d[k] || 0; })};
        })
      });
      // a day of the trend: the dashboard of that day
      clickable(c, function (p) { if (days[p.dataIndex]) { open(root.dataset.hrefDay, root.dataset.area, days[p.dataIndex].date); } });
    });
    get('/dashboard/data/breakdown').then(function (b) {
      // horizontal bars, one row per area or checkpoint: names stay readable on a 390-px screen (truncated with "…",
      // the whole name in the tooltip), the chart as tall as its rows; a bar opens the list behind it
      function bars(id, rows, href) {
        var el = document.getElementById(id);
        if (!el) { return; }
        el.style.height = Math.max(220, rows.length * 34 + 70) + 'px';
        var c = chart(id);
        var names = rows.map(function (r) { return r.name.replace(/\u3014[^\u3015]*\u3015/g, ''); });
        c.setOption({
          tooltip: tooltip('axis'), legend: {bottom: 0},
          grid: {left: 8, right: 16, top: 8, bottom: 40, containLabel: true},
          yAxis: {type: 'category', inverse: true, data: names, triggerEvent: true,
            axisLabel: {width: Math.min(150, Math.round(el.clientWidth * 0.38)), overflow: 'truncate', interval: 0}},
          xAxis: {type: 'value', minInterval: 1},
          series: ['passages', 'people', 'feverReferrals'].map(function (k) {
            return {name: l(k), type: 'bar', barMaxWidth: 10, data: rows.map(function (r) { return r[k] || 0; })};
          })
        });
        clickable(c, function (p) {
          var i = p.componentType === 'yAxis' ? names.indexOf(p.value) : p.dataIndex;
          if (rows[i]) { open(href, rows[i].code); }
        });
      }
      bars('chart-areas', b.areas || [], root.dataset.hrefArea);
      bars('chart-checkpoints', b.checkpoints || [], root.dataset.hrefCheckpoint);
    });
    get('/dashboard/data/funnel').then(function (stages) {
      var c = chart('chart-funnel');
      if (!c) { return; }
      c.setOption({
        tooltip: tooltip('item'),
        // labels inside the stages (outside ones were clipped on a phone), every stage wide enough for its label
        series: [{type: 'funnel', sort: 'none', left: '4%', width: '92%', top: 8, bottom: 8, minSize: '45%', gap: 2,
          label: {position: 'inside', formatter: '{b}  {c}', color: '#fff', fontSize: 12}, labelLine: {show: false},
          data: stages.map(function (s) { return {name: l('funnel.' + s.key), value: s.value, key: s.key}; })}]
      });
      // a stage: the list of its people (registered → returnees, observing/released → work list, referred → referrals,
      // confirmed → cases), for the same area and date
      clickable(c, function (p) { if (stages[p.dataIndex]) { open(root.dataset['hrefFunnel' + stages[p.dataIndex].key.charAt(0).toUpperCase()
        + stages[p.dataIndex].key.substring(1)], root.dataset.area); } });
    });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();

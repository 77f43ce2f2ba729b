// The dashboard's charts: the map (colours of the day, each district's index), the ranking, the
// trend and the categories. Drawn from the live part's data attribute, and again each time htmx
// swaps the live part in (every 5 s on today's dashboard). The shapes are fetched once.
(function () {
  'use strict';
  var shapes = null;
  var charts = {};

  function chartOn(id) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) {
      return null;
    }
    var existing = echarts.getInstanceByDom(el);
    return existing || echarts.init(el);
  }

  function drawMap(live, data) {
    var chart = chartOn('dashboard-map');
    if (!chart) {
      return;
    }
    var apply = function () {
      var items = data.map.map(function (i) {
        return {code: i.code, hex: i.hex, value: i.value, unitName: i.unitName, label: i.label,
          tooltip: i.unitName + (i.composite === null || i.composite === undefined ? '' : ' · ' + i.composite.toFixed(1))};
      });
      chart.setOption(FugongMap.option({map: 'fugong-city', items: items, markers: shapes.fugongMarkers}), true);
      FugongMap.list(document.getElementById('dashboard-markers'), shapes.fugongMarkers, items);
      live.dataset.mapDrawn = JSON.stringify(data.map.map(function (i) { return [i.code, i.colour]; }));
    };
    if (shapes) {
      apply();
      return;
    }
    fetch(live.dataset.shapes, {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (geojson) {
      shapes = geojson;
      echarts.registerMap('fugong-city', geojson);
      apply();
    });
  }

  function drawRanking(data) {
    var chart = chartOn('dashboard-ranking');
    if (!chart) {
      return;
    }
    var rows = data.ranking.slice().reverse();
    chart.setOption({
      animation: false, grid: {left: 90, right: 40, top: 5, bottom: 20}, tooltip: {trigger: 'axis'},
      xAxis: {type: 'value', max: 100}, yAxis: {type: 'category', data: rows.map(function (r) { return r.name; })},
      series: [{type: 'bar', data: rows.map(function (r) { return r.value; }), itemStyle: {color: '#0d6efd'},
        label: {show: true, position: 'right', formatter: function (p) { return p.value ? p.value.toFixed(1) : ''; }}}]
    }, true);
  }

  function drawTrend(data) {
    var chart = chartOn('dashboard-trend');
    if (!chart) {
      return;
    }
    chart.setOption({
      animation: false, tooltip: {trigger: 'axis'}, legend: {type: 'scroll', top: 0},
      grid: {left: 40, right: 15, top: 35, bottom: 25},
      xAxis: {type: 'category', data: data.trend.days.map(function (d) { return d.substring(5); })},
      yAxis: {type: 'value', max: 100},
      series: data.trend.lines.map(function (l) {
        return {name: l.name, type: 'line', connectNulls: false, showSymbol: false, data: l.values,
          lineStyle: {width: l.city ? 4 : 1.5}, z: l.city ? 5 : 2};
      })
    }, true);
  }

  function drawCategories(data) {
    var chart = chartOn('dashboard-categories');
    if (!chart) {
      return;
    }
    var labels = (chart.getDom().dataset.labels || '').split('|').slice(1);
    chart.setOption({
      animation: false, grid: {left: 100, right: 40, top: 5, bottom: 20}, tooltip: {trigger: 'axis'},
      xAxis: {type: 'value', max: 100},
      yAxis: {type: 'category', data: data.categories.map(function (c, i) { return labels[i] || c.category; })},
      series: [{type: 'bar', data: data.categories.map(function (c) { return c.value; }), itemStyle: {color: '#198754'},
        label: {show: true, position: 'right', formatter: function (p) { return p.value ? p.value.toFixed(1) : '—'; }}}]
    }, true);
  }

  function draw() {
    var live = document.getElementById('dashboard-live');
    if (!live || !window.echarts || !window.FugongMap || live.dataset.drawn === 'yes') {
      return;
    }
    live.dataset.drawn = 'yes';
    var data = JSON.parse(live.dataset.charts);
    drawMap(live, data);
    drawRanking(data);
    drawTrend(data);
    drawCategories(data);
  }

  // The live part is swapped whole: the old charts are let go, the new part drawn once.
  document.addEventListener('htmx:beforeSwap', function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === 'dashboard-live') {
      event.detail.target.querySelectorAll('[_echarts_instance_]').forEach(function (el) {
        var chart = echarts.getInstanceByDom(el);
        if (chart) {
          chart.dispose();
        }
      });
    }
  });
  document.addEventListener('htmx:afterSettle', draw);
  document.addEventListener('htmx:afterSwap', draw);
  window.addEventListener('resize', function () {
    ['dashboard-map', 'dashboard-ranking', 'dashboard-trend', 'dashboard-categories'].forEach(function (id) {
      var el = document.getElementById(id);
      var chart = el && window.echarts && echarts.getInstanceByDom(el);
      if (chart) {
        chart.resize();
      }
    });
  });
  draw();
})();

// The desk's figures per day: tickets filed and resolved (bars) and SLA compliance (line). Data
// from the figures API; labels from the chart element's data attributes (no inline script).
(function () {
  'use strict';
  var el = document.getElementById('ticket-chart');
  if (!el || !window.echarts) {
    return;
  }
  fetch(el.dataset.url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
    .then(function (response) { return response.json(); })
    .then(function (figures) {
      var days = figures.days.map(function (d) { return d.key; });
      var chart = echarts.init(el);
      chart.setOption({
        tooltip: {trigger: 'axis'},
        legend: {data: [el.dataset.filed, el.dataset.resolved, el.dataset.compliance]},
        xAxis: {type: 'category', data: days},
        yAxis: [{type: 'value'}, {type: 'value', min: 0, max: 100, axisLabel: {formatter: '{value} %'}}],
        series: [
          {name: el.dataset.filed, type: 'bar', data: figures.days.map(function (d) { return d.filed; })},
          {name: el.dataset.resolved, type: 'bar', data: figures.days.map(function (d) { return d.resolved; })},
          {name: el.dataset.compliance, type: 'line', yAxisIndex: 1,
            data: figures.days.map(function (d) { return d.resolved ? Math.round(1000 * d.resolvedOnTime / d.resolved) / 10 : null; })}
        ]
      });
      el.dataset.state = 'rendered';
      window.addEventListener('resize', function () { chart.resize(); });
    });
})();

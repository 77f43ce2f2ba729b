// The flows of returning workers: every county of China as a faint dot (its outline), the origins sized
// by their workers, and a line from each to Ningbo.
(function () {
  'use strict';
  var element = document.getElementById('transport-map');
  if (!element || !window.echarts) {
    return;
  }
  var data = JSON.parse(element.dataset.map);
  var chart = echarts.init(element);
  var max = Math.max.apply(null, [1].concat(data.flows.map(function (f) { return f.workers; })));
  chart.setOption({
    tooltip: {formatter: function (p) {
      return p.data && p.data.name ? p.data.name + '<br>' + element.dataset.workers + ': ' + p.data.workers
        + '<br>' + element.dataset.planned + ': ' + p.data.planned : '';
    }},
    xAxis: {type: 'value', min: 73, max: 135, show: false},
    yAxis: {type: 'value', min: 18, max: 54, show: false},
    grid: {left: 0, right: 0, top: 0, bottom: 0},
    series: [
      {type: 'scatter', silent: true, symbolSize: 2, itemStyle: {color: '#ced4da'}, data: data.counties},
      {type: 'lines', coordinateSystem: 'cartesian2d', effect: {show: true, symbolSize: 4, period: 6},
        lineStyle: {color: '#0d6efd', width: 1, opacity: 0.5, curveness: 0.2},
        data: data.flows.map(function (f) { return {coords: [[f.lon, f.lat], data.city]}; })},
      {type: 'scatter', symbolSize: function (v, p) { return 6 + 24 * Math.sqrt(p.data.workers / max); },
        itemStyle: {color: '#dc3545'},
        data: data.flows.map(function (f) { return {name: f.name, value: [f.lon, f.lat], workers: f.workers, planned: f.planned}; })},
      {type: 'scatter', symbol: 'pin', symbolSize: 30, itemStyle: {color: '#198754'}, data: [{value: data.city, name: '宁波 Ningbo'}]}
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });

  // Workers by the first day of their wanted arrival: registered against planned.
  var days = document.getElementById('transport-days');
  if (days && data.days && data.days.length) {
    var dayChart = echarts.init(days);
    dayChart.setOption({
      tooltip: {trigger: 'axis'}, legend: {}, grid: {left: 40, right: 10, top: 30, bottom: 30},
      xAxis: {type: 'category', data: data.days.map(function (d) { return d.label; })},
      yAxis: {type: 'value', minInterval: 1},
      series: [
        {name: days.dataset.registered, type: 'bar', itemStyle: {color: '#adb5bd'}, data: data.days.map(function (d) { return d.workers; })},
        {name: days.dataset.planned, type: 'bar', itemStyle: {color: '#0d6efd'}, data: data.days.map(function (d) { return d.planned; })}
      ]
    });
    window.addEventListener('resize', function () { dayChart.resize(); });
  }
})();

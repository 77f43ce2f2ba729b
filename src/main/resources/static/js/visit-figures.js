// The commissioners' figures as a chart: lights given per day, stacked, and orders opened.
(function () {
  'use strict';
  var element = document.getElementById('visit-chart');
  if (!element || !window.echarts) {
    return;
  }
  fetch(element.dataset.url, {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
    .then(function (r) { return r.json(); })
    .then(function (figures) {
      var days = figures.byDay;
      var chart = echarts.init(element);
      function series(name, key, colour) {
        return {name: name, type: 'bar', stack: 'lights', itemStyle: {color: colour},
          data: days.map(function (d) { return d[key]; })};
      }
      chart.setOption({
        tooltip: {trigger: 'axis'}, legend: {},
        xAxis: {type: 'category', data: days.map(function (d) { return d.day; })},
        yAxis: {type: 'value', minInterval: 1},
        series: [series(element.dataset.green, 'green', '#2e7d32'), series(element.dataset.yellow, 'yellow', '#f9a825'),
          series(element.dataset.red, 'red', '#c62828'),
          {name: element.dataset.orders, type: 'line', data: days.map(function (d) { return d.ordersOpened; })},
          {name: element.dataset.overdue, type: 'line', lineStyle: {type: 'dashed'}, itemStyle: {color: '#6a1b9a'},
            data: days.map(function (d) { return d.overdueOrders; })}]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
})();

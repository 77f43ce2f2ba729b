// A lead's supplier tree as a graph: the lead on the left, its tiers to the right, each node coloured by
// its state (the legend names them); a click on a node shows its rows in the table below.
(function () {
  'use strict';
  var element = document.getElementById('chain-chart');
  if (!element || !window.echarts) {
    return;
  }
  var colours = {RUNNING: '#2e7d32', BLOCKED: '#ef6c00', WAITING: '#c62828', HELD: '#4e342e', OUTSIDE_RUNNING: '#1565c0',
    OUTSIDE_NOT_RUNNING: '#6a1b9a', OUTSIDE_UNKNOWN: '#9e9e9e'};
  fetch(element.dataset.url, {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
    .then(function (r) { return r.json(); })
    .then(function (tree) {
      // Tiers: the lead is 0, a supplier one more than its nearest buyer.
      var tier = {};
      tier[tree.lead.key] = 0;
      for (var round = 0; round < tree.nodes.length; round++) {
        tree.links.forEach(function (l) {
          if (tier[l.buyer] !== undefined && (tier[l.supplier] === undefined || tier[l.supplier] > tier[l.buyer] + 1)) {
            tier[l.supplier] = tier[l.buyer] + 1;
          }
        });
      }
      var rows = {};
      var nodes = tree.nodes.map(function (n) {
        var t = tier[n.key] || 0;
        rows[t] = (rows[t] || 0) + 1;
        return {id: n.key, name: n.name, x: t * 260, y: rows[t] * 40, symbolSize: n.key === tree.lead.key ? 22 : 12,
          itemStyle: {color: colours[n.state] || '#999'}, value: n.state, label: {show: true, position: 'right'}};
      });
      var chart = echarts.init(element);
      var names = JSON.parse(element.dataset.states || '{}');
      var present = {};
      tree.nodes.forEach(function (n) { present[n.state] = true; });
      var categories = Object.keys(colours).filter(function (s) { return present[s]; });
      nodes.forEach(function (n) { n.category = categories.indexOf(n.value); });
      chart.on('click', function (p) {
        if (p.dataType !== 'node') { return; }
        var rows = document.querySelectorAll('tr[data-supplier]');
        var first = null;
        rows.forEach(function (r) {
          var hit = r.dataset.supplier === p.data.id || r.dataset.buyer === p.data.id;
          r.classList.toggle('chain-focus', hit);
          if (hit && !first) { first = r; }
        });
        if (first) { first.scrollIntoView({block: 'center'}); }
      });
      chart.setOption({
        legend: {data: categories.map(function (s) { return names[s] || s; }), top: 0},
        tooltip: {formatter: function (p) { return p.dataType === 'edge' ? p.data.part : p.name + ' · ' + p.value; }},
        series: [{type: 'graph', layout: 'none', roam: true, data: nodes, edgeSymbol: ['none', 'arrow'],
          categories: categories.map(function (s) { return {name: names[s] || s, itemStyle: {color: colours[s]}}; }),
          edges: tree.links.map(function (l) { return {source: l.supplier, target: l.buyer, part: l.part}; }),
          lineStyle: {color: '#90a4ae', curveness: 0.1}}]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
})();

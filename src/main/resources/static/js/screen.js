// The wall screen: the city's map, ranking, figures and escalations, fetched every 5 s by the
// screen's signed link; no clicks. When the link is revoked the data answers 404 and the screen says so.
(function () {
  'use strict';
  var root = document.getElementById('screen');
  if (!root || !window.echarts) {
    return;
  }
  var map = echarts.init(document.getElementById('screen-map'));
  var ranking = echarts.init(document.getElementById('screen-ranking'));
  var shapes = null;
  var LABELS = JSON.parse(root.dataset.labels);
  var PARTS = ['RESUMED', 'PRODUCTION', 'STAFF', 'ARRIVALS', 'PROBLEMS', 'GREEN'];

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) {
      el.textContent = value;
    }
  }

  function figure(dl, label, value) {
    var div = document.createElement('div');
    var dt = document.createElement('dt');
    dt.textContent = label;
    var dd = document.createElement('dd');
    dd.textContent = value;
    div.appendChild(dt);
    div.appendChild(dd);
    dl.appendChild(div);
  }

  function pct(part) {
    return part && part.denominator > 0 ? (100 * part.numerator / part.denominator).toFixed(1) + '%' : '—';
  }

  function render(data) {
    text('screen-composite', data.composite === null || data.composite === undefined ? '—' : data.composite.toFixed(1));
    text('screen-preset', LABELS['preset.' + data.shown]);
    text('screen-updated', data.computedAt ? root.dataset.updated + ' ' + data.computedAt : '');
    var items = data.map.map(function (i) {
      return {code: i.code, hex: i.hex, value: i.value, unitName: i.unitName, label: i.label};
    });
    map.setOption(FugongMap.option({map: 'fugong-city', items: items, markers: shapes.fugongMarkers, dark: true, fontSize: 18}), true);
    FugongMap.list(document.getElementById('screen-markers'), shapes.fugongMarkers, items);
    var rows = data.ranking.slice().sort(function (a, b) { return (a.value || 0) - (b.value || 0); });
    ranking.setOption({
      animation: false, grid: {left: 150, right: 80, top: 6, bottom: 24},
      xAxis: {type: 'value', max: 100, axisLabel: {color: '#8aa4c8', fontSize: 16}, splitLine: {lineStyle: {color: '#16335a'}}},
      yAxis: {type: 'category', data: rows.map(function (r) { return r.name; }), axisLabel: {color: '#e8eef7', fontSize: 20}},
      series: [{type: 'bar', barWidth: '60%', data: rows.map(function (r) { return r.value || 0; }),
        itemStyle: {color: function (p) { return p.value >= 80 ? '#3fb950' : p.value >= 50 ? '#d29922' : '#f85149'; }},
        label: {show: true, position: 'right', color: '#e8eef7', fontSize: 20, formatter: function (p) { return p.value.toFixed(1); }}}]
    }, true);
    var dl = document.getElementById('screen-figures');
    dl.textContent = '';
    PARTS.forEach(function (key) {
      if (data.parts[key]) {
        figure(dl, LABELS[key], pct(data.parts[key]));
      }
    });
    if (data.tiles) {
      figure(dl, LABELS.pending, data.tiles.pending);
      figure(dl, LABELS.overdue, data.tiles.ticketsOverdue);
      figure(dl, LABELS.chains, data.tiles.chainsBlocked);
      figure(dl, LABELS.scans, data.codes.scans);
    }
    var ol = document.getElementById('screen-escalations');
    ol.textContent = '';
    (data.escalations || []).forEach(function (e) {
      var li = document.createElement('li');
      li.appendChild(document.createTextNode('#' + e.number + ' ' + e.title + ' '));
      var small = document.createElement('small');
      small.textContent = e.district + ' · ' + e.at;
      li.appendChild(small);
      ol.appendChild(li);
    });
    root.dataset.rendered = data.computedAt || 'yes';
  }

  function load() {
    fetch(root.dataset.data, {cache: 'no-store'}).then(function (response) {
      if (response.status === 404) {
        root.dataset.revoked = 'true';
        text('screen-updated', root.dataset.revoked);
        return null;
      }
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data) {
        render(data);
      }
    }).catch(function () { /* the next poll tries again */ });
  }

  // The city's time, whatever the screen's PC is set to.
  function tick() {
    var now = new Date();
    var time;
    try {
      time = now.toLocaleTimeString('en-GB', {timeZone: root.dataset.zone, hour12: false});
    } catch (e) {
      time = now.toTimeString().substring(0, 8);
    }
    text('screen-time', time);
  }

  fetch(root.dataset.shapes).then(function (r) { return r.json(); }).then(function (geojson) {
    shapes = geojson;
    echarts.registerMap('fugong-city', geojson);
    load();
    setInterval(load, 5000);
  });
  tick();
  setInterval(tick, 1000);
  window.addEventListener('resize', function () { map.resize(); ranking.resize(); });
})();

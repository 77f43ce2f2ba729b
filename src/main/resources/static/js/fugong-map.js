// The one map of the risk map, the dashboard and the wall screen: the districts' shapes coloured by
// their risk colour, and a marker for a unit that has no boundary (the Hi-tech Zone), which the
// shapes' GeoJSON lists in its "fugongMarkers" member. A hidden geo component with the same map and
// layout gives the markers their coordinates.
(function () {
  'use strict';
  var LAYOUT = {layoutCenter: ['50%', '50%'], layoutSize: '96%'};

  function option(settings) {
    var items = settings.items; // [{code, hex, unitName, value, overridden, label}]
    var markers = (settings.markers || []).filter(function (m) { return m.coord; });
    var byCode = {};
    items.forEach(function (i) { byCode[i.code] = i; });
    var dark = !!settings.dark;
    var fontSize = settings.fontSize || 11;
    var series = [{
      type: 'map', map: settings.map, nameProperty: 'code', roam: false, selectedMode: false,
      layoutCenter: LAYOUT.layoutCenter, layoutSize: LAYOUT.layoutSize,
      label: {show: true, fontSize: fontSize, lineHeight: Math.round(fontSize * 1.35), color: dark ? '#fff' : '#111',
        formatter: function (p) { return p.data ? (p.data.label || p.data.unitName) : ''; }},
      emphasis: {label: {show: true}, itemStyle: {areaColor: null, borderColor: dark ? '#fff' : '#111', borderWidth: 2}},
      data: items.filter(function (i) { return !markers.some(function (m) { return m.code === i.code; }); }).map(function (c) {
        return {
          name: c.code, value: c.value, unitName: c.unitName, label: c.label,
          itemStyle: {areaColor: c.hex, borderColor: c.overridden ? '#111' : (dark ? '#0b1a2e' : '#fff'), borderWidth: c.overridden ? 3 : 1}
        };
      })
    }];
    var result = {
      tooltip: {trigger: 'item', formatter: function (p) { return p.data ? (p.data.tooltip || p.data.unitName) : p.name; }},
      series: series
    };
    if (markers.length) {
      result.geo = {map: settings.map, nameProperty: 'code', silent: true, roam: false,
        layoutCenter: LAYOUT.layoutCenter, layoutSize: LAYOUT.layoutSize, z: 0,
        itemStyle: {areaColor: 'transparent', borderColor: 'transparent'}, label: {show: false}};
      series.push({
        type: 'scatter', coordinateSystem: 'geo', geoIndex: 0, symbol: 'pin', symbolSize: fontSize * 3, z: 5,
        label: {show: true, position: 'right', fontSize: fontSize, color: dark ? '#fff' : '#111',
          formatter: function (p) { return p.data.label || p.data.unitName; }},
        data: markers.map(function (m) {
          var c = byCode[m.code] || {};
          return {
            name: m.code, value: m.coord.concat([c.value]), unitName: c.unitName || m.name, label: c.label,
            tooltip: c.tooltip, itemStyle: {color: c.hex || '#888', borderColor: dark ? '#fff' : '#111', borderWidth: 1}
          };
        })
      });
    }
    return result;
  }

  // The units drawn as markers or not drawn at all, listed beside the map with their colour.
  function list(ul, markers, items) {
    if (!ul) {
      return;
    }
    var byCode = {};
    items.forEach(function (i) { byCode[i.code] = i; });
    ul.textContent = '';
    (markers || []).forEach(function (m) {
      var c = byCode[m.code] || {};
      var li = document.createElement('li');
      li.dataset.unit = m.code;
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = c.hex || '#888';
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(' ' + (c.unitName || m.name) + ' — ' + (ul.dataset.note || '')));
      ul.appendChild(li);
    });
  }

  window.FugongMap = {option: option, list: list};
})();

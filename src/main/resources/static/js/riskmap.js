// The five-colour map: ECharts draws the shapes, coloured by the day chosen on the slider; a click
// on a district opens its townships and the explanation. No inline script: settings come from
// the map element's data attributes.
(function () {
  'use strict';
  var el = document.getElementById('risk-map');
  if (!el || !window.echarts) {
    return;
  }
  var chart = echarts.init(el, null, {renderer: 'canvas'});
  var zh = el.dataset.lang === 'zh';
  var isPublic = el.dataset.public === 'true';
  var slider = document.getElementById('risk-date');
  var dateLabel = document.getElementById('risk-date-label');
  var back = document.getElementById('risk-back');
  var title = document.getElementById('risk-level-title');
  var state = {level: 'city', day: el.dataset.day, unit: null};
  var registered = {};

  function fetchJson(url) {
    return fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}}).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status + ' ' + url);
      }
      return response.json();
    });
  }

  function shapesUrl(level) {
    return isPublic ? el.dataset.shapes : el.dataset.shapes + encodeURIComponent(level);
  }

  function coloursUrl(level, day) {
    if (isPublic) {
      return el.dataset.colours;
    }
    var url = el.dataset.colours + '?date=' + day;
    return level === 'city' ? url : url + '&district=' + encodeURIComponent(level);
  }

  function ensureShapes(level) {
    if (registered[level]) {
      return Promise.resolve();
    }
    return fetchJson(shapesUrl(level)).then(function (geojson) {
      echarts.registerMap('fugong-' + level, geojson);
      registered[level] = geojson;
    });
  }

  var drawn = 0;

  // On the tiles, "Haishu" says enough; the table and the explanation give the full name.
  function shortName(name) {
    return name.replace(/ (District|County|Subdistrict|Town|Township)$/, '').replace('Ningbo National Hi-tech Zone', 'Hi-tech Zone');
  }

  function draw() {
    var level = state.level;
    var day = state.day;
    var request = ++drawn;
    return Promise.all([ensureShapes(level), fetchJson(coloursUrl(level, day))]).then(function (results) {
      if (request !== drawn) {
        return; // a later day or level was asked for meanwhile
      }
      var colours = results[1];
      var items = colours.map(function (c) {
        return {code: c.code, value: c.level, hex: c.hex, overridden: c.overridden, unitName: zh ? c.nameZh : shortName(c.nameEn)};
      });
      var markers = level === 'city' ? registered[level].fugongMarkers : [];
      chart.setOption(FugongMap.option({map: 'fugong-' + level, items: items, markers: markers}), true);
      FugongMap.list(document.getElementById('risk-markers'), markers, items);
      el.dataset.level = level;
      el.dataset.renderedDay = day;
      el.dataset.state = JSON.stringify(colours.map(function (c) { return [c.code, c.colour, c.overridden]; }));
    }).catch(function (error) {
      el.dataset.error = String(error);
    });
  }

  function explain(code) {
    state.unit = code;
    if (!isPublic && window.htmx) {
      htmx.ajax('GET', el.dataset.unit + encodeURIComponent(code) + '?date=' + state.day,
          {target: '#risk-explanation', swap: 'innerHTML'});
    }
  }

  function refreshTable() {
    if (!isPublic && window.htmx && document.getElementById('risk-table')) {
      htmx.ajax('GET', el.dataset.table + '?date=' + state.day, {target: '#risk-table', swap: 'innerHTML'});
    }
  }

  function openDistrict(code, name) {
    state.level = code;
    if (back) {
      back.classList.remove('d-none');
    }
    if (title) {
      title.textContent = el.dataset.townshipsTitle + ' · ' + name;
    }
    explain(code);
    return draw();
  }

  function openCity() {
    state.level = 'city';
    if (back) {
      back.classList.add('d-none');
    }
    if (title) {
      title.textContent = el.dataset.districtsTitle;
    }
    return draw();
  }

  if (!isPublic) {
    chart.on('click', function (params) {
      if (!params.data || !params.data.unitName) {
        return;
      }
      if (state.level === 'city') {
        openDistrict(params.data.name, params.data.unitName);
      } else {
        explain(params.data.name);
      }
    });
  }
  if (back) {
    back.addEventListener('click', openCity);
  }
  if (slider) {
    var first = new Date(el.dataset.first + 'T00:00:00Z');
    var dayOf = function (offset) {
      return new Date(first.getTime() + offset * 86400000).toISOString().substring(0, 10);
    };
    slider.addEventListener('input', function () {
      dateLabel.textContent = dayOf(Number(slider.value));
    });
    slider.addEventListener('change', function () {
      state.day = dayOf(Number(slider.value));
      dateLabel.textContent = state.day;
      draw();
      refreshTable();
      if (state.unit) {
        explain(state.unit);
      }
      var exportLink = document.querySelector('[data-test=export]');
      if (exportLink) {
        exportLink.href = el.dataset.export + '?from=' + state.day;
      }
    });
  }

  // The shapes form uploads for the level chosen in it.
  var shapesForm = document.getElementById('shapes-form');
  var shapesKey = document.getElementById('shapes-key');
  var shapesReset = document.getElementById('shapes-reset');
  if (shapesForm && shapesKey) {
    var base = shapesForm.getAttribute('action').replace(/city$/, '');
    shapesKey.addEventListener('change', function () {
      shapesForm.setAttribute('action', base + shapesKey.value);
      if (shapesReset) {
        shapesReset.setAttribute('action', base + shapesKey.value + '/reset');
      }
    });
  }

  window.addEventListener('resize', function () { chart.resize(); });
  // For the browser tests and for keyboard users: open a district by its code.
  el.fugong = {openDistrict: openDistrict, openCity: openCity, chart: chart};
  draw();
})();

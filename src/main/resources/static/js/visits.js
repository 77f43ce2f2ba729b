// The visit form on a phone: kept by a service worker, and when the network is absent, a visit is
// saved in IndexedDB and sent to the API when it returns. The id is made here, so a visit sent twice
// is recorded once.
(function () {
  'use strict';
  var form = document.getElementById('visit-form');
  if (!form) {
    return;
  }
  var api = form.dataset.api;
  var box = document.getElementById('outbox');
  var boxText = document.getElementById('outbox-text');
  var sending = false;

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function db() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open('fugong-visits', 1);
      open.onupgradeneeded = function () { open.result.createObjectStore('outbox', {keyPath: 'id'}); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }

  function store(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction('outbox', mode);
        var result = work(tx.objectStore('outbox'));
        tx.oncomplete = function () { resolve(result && result.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function waiting() {
    return store('readonly', function (s) { return s.getAll(); });
  }

  function show(text, kind) {
    box.classList.remove('d-none', 'alert-warning', 'alert-success', 'alert-danger');
    box.classList.add('alert-' + (kind || 'warning'));
    boxText.textContent = text;
  }

  function refresh(note) {
    return waiting().then(function (all) {
      if (all.length === 0) {
        if (note) {
          show(note, 'success');
        } else if (!box.classList.contains('alert-success')) {
          box.classList.add('d-none');
        }
        return;
      }
      var text = box.dataset.waiting.replace('{0}', all.length);
      if (!navigator.onLine) {
        text += ' ' + box.dataset.offline;
      }
      var refused = all.filter(function (v) { return v.refused; }).length;
      if (refused) {
        text += ' ' + box.dataset.refused.replace('{0}', refused);
      }
      show(note ? note + ' ' + text : text, 'warning');
    });
  }

  function fileData(file) {
    return new Promise(function (resolve) {
      var reader = new FileReader();
      reader.onload = function () { resolve({filename: file.name, data: String(reader.result).split(',')[1]}); };
      reader.readAsDataURL(file);
    });
  }

  function visitJson() {
    var data = new FormData(form);
    var visit = {
      id: data.get('id'), enterpriseId: data.get('enterpriseId') || null, visitedAt: new Date().toISOString(),
      corrects: data.get('corrects') || null, notes: data.get('notes') || null,
      staffOnSite: num(data.get('staffOnSite')), staffNormal: num(data.get('staffNormal')),
      capacityPercent: num(data.get('capacityPercent')), items: {}, problems: []
    };
    var photos = [];
    form.querySelectorAll('[data-item]').forEach(function (card) {
      var code = card.dataset.item;
      var result = data.get('item.' + code + '.result');
      var item = {result: result, remark: data.get('item.' + code + '.remark') || null, photo: null};
      visit.items[code] = item;
      var file = data.get('item.' + code + '.photo');
      if (file && file.size) {
        photos.push(fileData(file).then(function (p) { item.photo = p; }));
      }
    });
    for (var i = 0; i < 3; i++) {
      var title = data.get('problem.' + i + '.title');
      var description = data.get('problem.' + i + '.description');
      if (title || description) {
        visit.problems.push({title: title, description: description, category: data.get('problem.' + i + '.category'),
          solvedOnSpot: data.get('problem.' + i + '.solvedOnSpot') !== null,
          resolution: data.get('problem.' + i + '.resolution') || null});
      }
    }
    return Promise.all(photos).then(function () { return visit; });
  }

  function num(value) {
    return value === null || value === '' ? null : Number(value);
  }

  function flush() {
    if (sending || !navigator.onLine) {
      return refresh();
    }
    sending = true;
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var sent = 0;
    return waiting().then(function (all) {
      return all.reduce(function (chain, visit) {
        return chain.then(function () {
          var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
          if (token && header) {
            headers[header.content] = token.content;
          }
          var body = Object.assign({}, visit);
          delete body.refused;
          return fetch(api, {method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin'})
            .then(function (response) {
              if (response.status === 200 || response.status === 201) {
                sent++;
                return store('readwrite', function (s) { return s.delete(visit.id); });
              }
              if (response.status === 401 || response.status === 403) {
                throw new Error('signin');
              }
              visit.refused = response.status;
              return store('readwrite', function (s) { return s.put(visit); });
            });
        });
      }, Promise.resolve());
    }).catch(function (e) {
      if (e && e.message === 'signin') {
        show(box.dataset.signin, 'danger');
      }
    }).then(function () {
      sending = false;
      return refresh(sent ? box.dataset.sent.replace('{0}', sent) : null);
    });
  }

  form.querySelector('[name=id]').value = newId();
  form.addEventListener('submit', function (event) {
    form.querySelector('[name=visitedAt]').value = new Date().toISOString();
    if (navigator.onLine) {
      return;
    }
    event.preventDefault();
    visitJson().then(function (visit) {
      return store('readwrite', function (s) { return s.put(visit); });
    }).then(function () {
      form.reset();
      form.querySelector('[name=id]').value = newId();
      window.scrollTo(0, 0);
      return refresh();
    });
  });
  document.getElementById('outbox-send').addEventListener('click', flush);
  window.addEventListener('online', flush);
  window.addEventListener('offline', function () { refresh(); });
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(api.replace(/\/api\/visits$/, '/visits/sw.js')).catch(function () {});
  }
  flush();
})();

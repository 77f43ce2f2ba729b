// Fugong's only script besides the libraries: no inline script anywhere (the CSP forbids it).
(function () {
  'use strict';

  // htmx requests carry the CSRF token in the header Spring Security expects.
  document.body.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // Forms marked data-confirm ask before they submit.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }, true);
})();

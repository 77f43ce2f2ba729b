// The gate page's camera: where the browser can read QR codes itself (BarcodeDetector) and has a
// camera, a button turns it on; a code it reads is checked like a scanned one. Elsewhere the
// scanner (or a paste) fills the field. No inline script: this file is loaded by the page.
(function () {
  'use strict';
  var button = document.getElementById('camera');
  var video = document.getElementById('camera-view');
  var form = document.querySelector('[data-test=gate-form]');
  var field = document.getElementById('token');
  if (!button || !video || !form || !field || !('BarcodeDetector' in window) || !navigator.mediaDevices) {
    return;
  }
  button.hidden = false;
  var detector = new window.BarcodeDetector({formats: ['qr_code']});
  var last = '';
  button.addEventListener('click', function () {
    navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}}).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      window.setInterval(function () {
        detector.detect(video).then(function (codes) {
          if (codes.length && codes[0].rawValue !== last) {
            last = codes[0].rawValue;
            field.value = last;
            form.requestSubmit();
          }
        }).catch(function () { /* a frame that could not be read */ });
      }, 400);
    }).catch(function () {
      button.disabled = true;
    });
  });
})();

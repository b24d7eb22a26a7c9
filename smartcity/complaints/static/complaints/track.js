// Private links carry the reference and the access code after "#" (…/lacak/#nomor=…&kode=…):
// browsers never send that part to the server, so the code stays out of access logs. This
// script fills the tracking form from it, wipes it from the address bar and history, and
// POSTs the form. Without JavaScript the form simply asks for the code.
(function () {
  "use strict";
  var form = document.querySelector("[data-track-form]");
  if (!form || !window.location.hash) {
    return;
  }
  var params = new URLSearchParams(window.location.hash.slice(1));
  var reference = params.get("nomor");
  var code = params.get("kode");
  history.replaceState(null, "", window.location.pathname + window.location.search);
  if (reference) {
    form.elements.nomor.value = reference;
  }
  if (reference && code) {
    form.elements.token.value = code;
    form.submit();
  }
})();

// The e-mailed link carries "#<request number>.<access code>" after the "#": browsers never send
// that part to the server. Fill the form from it, clear it from the address bar and send it.
(function () {
  "use strict";
  var form = document.querySelector("[data-fill-from-fragment]");
  if (!form || !window.location.hash) return;
  var value = decodeURIComponent(window.location.hash.slice(1));
  var dot = value.indexOf(".");
  if (dot < 1) return;
  form.elements.nomor.value = value.slice(0, dot);
  form.elements.kode.value = value.slice(dot + 1);
  history.replaceState(null, "", window.location.pathname);
  form.submit();
})();

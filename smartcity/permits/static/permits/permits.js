// The private link carries "#<number>.<access code>" after the "#": browsers never send that
// part to the server. Fill the tracking form from it, clear it from the address bar, send.
(function () {
  "use strict";
  var form = document.querySelector("[data-fill-from-fragment]");
  if (!form || !window.location.hash) return;
  var value = decodeURIComponent(window.location.hash.slice(1));
  var dot = value.indexOf(".");
  if (dot < 1) return;
  form.elements.code.value = value.slice(0, dot);
  form.elements.token.value = value.slice(dot + 1);
  history.replaceState(null, "", window.location.pathname);
  form.submit();
})();

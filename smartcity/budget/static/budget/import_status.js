// Follows a running budget import: polls its status row and reloads the report when it ends.
(function () {
  "use strict";
  var box = document.querySelector("[data-import-status]");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-import-label]");
  function poll() {
    fetch(box.getAttribute("data-import-status"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.percent;
        label.textContent = data.label;
        if (data.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      });
  }
  if (!box.hasAttribute("data-finished")) { poll(); }
}());

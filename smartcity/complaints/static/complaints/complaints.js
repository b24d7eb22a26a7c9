// e-masyarakat: progressive enhancements only (every page works without this file).
(function () {
  "use strict";
  // "Copy the link" on the confirmation page: the input stays selectable without JavaScript.
  document.querySelectorAll("[data-copy-button]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy-button"));
    if (!input || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = button.getAttribute("data-copied-label");
      });
    });
  });
  // Move focus to the error summary so that screen readers and keyboards start there.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();

// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // On small screens the main menu starts collapsed; without JavaScript it stays open.
  var toggle = document.querySelector(".main-nav__toggle");
  if (toggle && window.matchMedia("(max-width: 47.99em)").matches) {
    toggle.removeAttribute("open");
  }
})();

// e-musrenbang form: similar proposals of the chosen kelurahan while the title is typed.
// Progressive enhancement: without JavaScript the form works the same. Text goes in with
// textContent only; no HTML is built from data.
(function () {
  "use strict";

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  document.querySelectorAll("[data-similar]").forEach(function (section) {
    var form = section.closest("form");
    var url = form ? form.getAttribute("data-similar-url") : "";
    var title = byId(section.getAttribute("data-title-input"));
    var kelurahan = byId(section.getAttribute("data-kelurahan-input"));
    var list = section.querySelector(".similar__list");
    if (!url || !title || !kelurahan || !list || !window.fetch) {
      return;
    }
    var latest = 0;
    var timer = null;

    function show(proposals) {
      list.replaceChildren();
      proposals.forEach(function (proposal) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = proposal.url;
        link.textContent = proposal.reference + " · " + proposal.title;
        item.appendChild(link);
        var facts = document.createElement("span");
        facts.className = "similar__facts";
        var text = " · " + proposal.cycle + " · " + proposal.status;
        if (proposal.unfunded) {
          text += " · " + (section.getAttribute("data-label-unfunded") || "");
        }
        facts.textContent = text;
        item.appendChild(facts);
        list.appendChild(item);
      });
      section.hidden = proposals.length === 0;
    }

    function refresh() {
      if (!kelurahan.value || title.value.trim().length < 4) {
        show([]);
        return;
      }
      var params = new URLSearchParams({ kelurahan: kelurahan.value, q: title.value.trim() });
      var request = ++latest;
      fetch(url + "?" + params.toString(), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { proposals: [] };
        })
        .then(function (data) {
          if (request === latest) {
            show(data.proposals || []);
          }
        })
        .catch(function () {
          show([]);
        });
    }

    title.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    kelurahan.addEventListener("change", refresh);
    refresh();
  });
})();

// The estimated cost and the kelurahan's total against its pagu, while the activity is chosen.
(function () {
  "use strict";

  document.querySelectorAll("[data-pagu-live]").forEach(function (box) {
    var form = box.closest("form");
    var url = form ? form.getAttribute("data-pagu-url") : "";
    var names = ["kelurahan", "item", "volume", "other-cost"];
    var inputs = {};
    names.forEach(function (name) {
      inputs[name] = document.getElementById(box.getAttribute("data-" + name + "-input") || "");
    });
    if (!url || !window.fetch || names.some(function (name) { return !inputs[name]; })) {
      return;
    }
    var latest = 0;
    var timer = null;

    function show(message, exceeds) {
      box.textContent = message || "";
      box.classList.toggle("pagu-live--over", Boolean(exceeds));
      box.hidden = !message;
    }

    function refresh() {
      var params = new URLSearchParams({
        kelurahan: inputs.kelurahan.value,
        item: inputs.item.value,
        volume: inputs.volume.value,
        other_cost: inputs["other-cost"].value,
      });
      var request = ++latest;
      fetch(url + "?" + params.toString(), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { message: "" };
        })
        .then(function (data) {
          if (request === latest) {
            show(data.message, data.exceeds);
          }
        })
        .catch(function () {
          show("");
        });
    }

    names.forEach(function (name) {
      inputs[name].addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, 300);
      });
      inputs[name].addEventListener("change", refresh);
    });
    refresh();
  });
})();

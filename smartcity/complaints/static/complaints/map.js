// e-masyarakat maps (Leaflet, served by the site). Progressive enhancement: without JavaScript,
// without Leaflet or without a tile server, the form keeps its coordinate inputs and the map
// view keeps its table. No HTML is built from data: popups use text nodes only.
(function () {
  "use strict";
  if (typeof window.L === "undefined") {
    return;
  }
  var L = window.L;
  var BINJAI = [3.6, 98.485];

  function baseMap(element) {
    element.hidden = false;
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", element.getAttribute("data-label-map") || "");
    var map = L.map(element, { scrollWheelZoom: false }).setView(BINJAI, 13);
    var tileUrl = element.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 19, attribution: element.getAttribute("data-tile-attribution") || "" }).addTo(map);
    } else {
      map.attributionControl.addAttribution(element.getAttribute("data-label-no-tiles") || "");
    }
    return map;
  }

  function textPopup(lines) {
    var box = document.createElement("div");
    lines.forEach(function (line, index) {
      var p = document.createElement(index === 0 ? "strong" : "div");
      p.textContent = line;
      box.appendChild(p);
    });
    return box;
  }

  // The complaint form: click to place a point; it fills the latitude/longitude inputs.
  document.querySelectorAll("[data-map-picker]").forEach(function (picker) {
    var element = picker.querySelector("[data-map]");
    var latInput = document.getElementById(picker.getAttribute("data-lat-input"));
    var lngInput = document.getElementById(picker.getAttribute("data-lng-input"));
    if (!element || !latInput || !lngInput) {
      return;
    }
    element.setAttribute("data-tile-url", picker.getAttribute("data-tile-url") || "");
    element.setAttribute("data-tile-attribution", picker.getAttribute("data-tile-attribution") || "");
    var map = baseMap(element);
    var marker = null;

    function place(lat, lng, pan) {
      if (marker) {
        marker.setLatLng([lat, lng]);
      } else {
        marker = L.circleMarker([lat, lng], { radius: 9, color: "#a4161a", weight: 3 }).addTo(map);
      }
      if (pan) {
        map.panTo([lat, lng]);
      }
    }

    function fromInputs() {
      var lat = parseFloat(latInput.value);
      var lng = parseFloat(lngInput.value);
      if (!isNaN(lat) && !isNaN(lng)) {
        place(lat, lng, true);
      } else if (marker) {
        map.removeLayer(marker);
        marker = null;
      }
    }

    map.on("click", function (event) {
      latInput.value = event.latlng.lat.toFixed(6);
      lngInput.value = event.latlng.lng.toFixed(6);
      place(event.latlng.lat, event.latlng.lng, false);
    });
    latInput.addEventListener("change", fromInputs);
    lngInput.addEventListener("change", fromInputs);
    fromInputs();

    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "button";
    clear.textContent = element.getAttribute("data-label-clear") || "×";
    clear.addEventListener("click", function () {
      latInput.value = "";
      lngInput.value = "";
      fromInputs();
    });
    element.insertAdjacentElement("afterend", clear);
  });

  // The public map: markers from the JSON data island next to the table.
  document.querySelectorAll("[data-map-overview]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-points"));
    var points = source ? JSON.parse(source.textContent) : [];
    var map = baseMap(element);
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lng], { radius: 7, color: "#0a5233", weight: 2, fillOpacity: 0.6 });
      marker.bindPopup(
        textPopup([point.reference + " · " + point.title, point.category, point.status, point.kelurahan + ", " + point.kecamatan, point.date])
      );
      marker.addTo(map);
      bounds.push([point.lat, point.lng]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    }
  });
})();

// e-masyarakat maps (Leaflet and its plugins, served by the site). Progressive enhancement:
// without JavaScript or Leaflet the form keeps its coordinate inputs, the map view its list and
// the complaint page its written location. The background is, in order: a self-hosted PMTiles
// basemap (protomaps-leaflet), a tile server, or nothing but each kelurahan's name at its
// approximate centre. No HTML is built from data: text goes in with textContent only.
(function () {
  "use strict";

  var BINJAI = [3.6, 98.485];

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  function jsonIsland(id, fallback) {
    var source = byId(id);
    return source ? JSON.parse(source.textContent) : fallback;
  }

  function mapSettings() {
    var element = document.querySelector("[data-map-settings]");
    var get = function (name) {
      return element ? element.getAttribute(name) || "" : "";
    };
    return {
      tileUrl: get("data-tile-url"),
      tileAttribution: get("data-tile-attribution"),
      pmtilesUrl: get("data-pmtiles-url"),
      pmtilesAttribution: get("data-pmtiles-attribution"),
      language: get("data-pmtiles-language") || "id",
      noTiles: get("data-label-no-tiles"),
      centres: element ? jsonIsland(element.getAttribute("data-centres"), []) : [],
    };
  }

  function kelurahanLabels(map, centres) {
    var layer = L.layerGroup();
    centres.forEach(function (centre) {
      var label = document.createElement("span");
      label.textContent = centre.name;
      L.marker([centre.lat, centre.lng], {
        icon: L.divIcon({ className: "kelurahan-label", html: label, iconSize: null }),
        interactive: false,
        keyboard: false,
      }).addTo(layer);
    });
    layer.addTo(map);
    return layer;
  }

  function baseMap(element, settings, zoom) {
    element.hidden = false;
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", element.getAttribute("data-label-map") || "");
    // A maximum zoom of its own: without a tile layer the map has none, and clustering needs one.
    var map = L.map(element, { scrollWheelZoom: false, minZoom: 11, maxZoom: 18 }).setView(BINJAI, zoom || 13);
    if (settings.pmtilesUrl && window.protomapsL) {
      window.protomapsL
        .leafletLayer({ url: settings.pmtilesUrl, flavor: "light", lang: settings.language })
        .addTo(map);
      map.attributionControl.addAttribution(settings.pmtilesAttribution);
    } else if (settings.tileUrl) {
      L.tileLayer(settings.tileUrl, { maxZoom: 19, attribution: settings.tileAttribution }).addTo(map);
    } else {
      element.classList.add("map--no-basemap");
      kelurahanLabels(map, settings.centres);
      map.attributionControl.addAttribution(settings.noTiles);
    }
    return map;
  }

  function textPopup(lines, link) {
    var box = document.createElement("div");
    lines.forEach(function (line, index) {
      var p = document.createElement(index === 0 ? "strong" : "div");
      p.textContent = line;
      box.appendChild(p);
    });
    if (link && link.href) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      box.appendChild(a);
    }
    return box;
  }

  function statusMarker(point) {
    return L.marker([point.lat, point.lng], {
      icon: L.divIcon({
        className: "map-marker map-symbol map-symbol--" + point.stage,
        iconSize: [18, 18],
        iconAnchor: [9, 9],
      }),
      title: point.reference + " · " + point.status,
      alt: point.status,
    });
  }

  function initialise() {
    if (typeof window.L === "undefined") {
      return;
    }
    var settings = mapSettings();

    // The complaint form: click to place a point; it fills the latitude/longitude inputs.
    document.querySelectorAll("[data-map-picker]").forEach(function (picker) {
      var element = picker.querySelector("[data-map]");
      var latInput = byId(picker.getAttribute("data-lat-input"));
      var lngInput = byId(picker.getAttribute("data-lng-input"));
      if (!element || !latInput || !lngInput) {
        return;
      }
      var map = baseMap(element, settings);
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

      function announce() {
        picker.dispatchEvent(new CustomEvent("complaint:point", { bubbles: true }));
      }

      map.on("click", function (event) {
        latInput.value = event.latlng.lat.toFixed(6);
        lngInput.value = event.latlng.lng.toFixed(6);
        place(event.latlng.lat, event.latlng.lng, false);
        announce();
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
        announce();
      });
      element.insertAdjacentElement("afterend", clear);
    });

    // The public map: status markers (colour and shape, see the legend), clustered when dense.
    document.querySelectorAll("[data-map-overview]").forEach(function (element) {
      var points = jsonIsland(element.getAttribute("data-points"), []);
      var map = baseMap(element, settings);
      var group = typeof L.markerClusterGroup === "function"
        ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 })
        : L.layerGroup();
      var bounds = [];
      points.forEach(function (point) {
        var marker = statusMarker(point);
        marker.bindPopup(
          textPopup(
            [point.reference + " · " + point.title, point.category, point.status, point.kelurahan + ", " + point.kecamatan, point.date],
            { href: point.url, text: element.getAttribute("data-label-open") || point.reference }
          )
        );
        group.addLayer(marker);
        bounds.push([point.lat, point.lng]);
      });
      group.addTo(map);
      if (bounds.length) {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
      }
    });

    // One public complaint: its rounded point.
    document.querySelectorAll("[data-map-point]").forEach(function (element) {
      var point = jsonIsland(element.getAttribute("data-map-point"), null);
      if (!point) {
        return;
      }
      var map = baseMap(element, settings, 15);
      statusMarker(point).addTo(map);
      map.setView([point.lat, point.lng], 15);
    });
  }

  // The form: open public complaints of the chosen category near the chosen place.
  function nearbyComplaints() {
    document.querySelectorAll("[data-nearby]").forEach(function (section) {
      var url = section.getAttribute("data-nearby-url");
      var inputs = {
        kategori: byId(section.getAttribute("data-category-input")),
        kelurahan: byId(section.getAttribute("data-kelurahan-input")),
        lat: byId(section.getAttribute("data-lat-input")),
        lng: byId(section.getAttribute("data-lng-input")),
      };
      var list = section.querySelector(".nearby__list");
      if (!url || !inputs.kategori || !list || !window.fetch) {
        return;
      }
      var latest = 0;

      function label(name, values) {
        var text = section.getAttribute(name) || "";
        Object.keys(values).forEach(function (key) {
          text = text.replace("{" + key + "}", values[key]);
        });
        return text;
      }

      function show(complaints) {
        list.replaceChildren();
        complaints.forEach(function (complaint) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = complaint.url;
          link.textContent = complaint.reference + " · " + complaint.title;
          item.appendChild(link);
          var facts = [complaint.status, complaint.kelurahan, complaint.date];
          if (complaint.distance_m !== null) {
            facts.push(label("data-label-distance", { metres: complaint.distance_m }));
          }
          facts.push(label("data-label-followers", { count: complaint.followers }));
          var details = document.createElement("span");
          details.className = "nearby__facts";
          details.textContent = facts.join(" · ");
          item.appendChild(details);
          list.appendChild(item);
        });
        section.hidden = complaints.length === 0;
      }

      function refresh() {
        var params = new URLSearchParams();
        params.set("kategori", inputs.kategori.value || "");
        if (inputs.lat && inputs.lng && inputs.lat.value && inputs.lng.value) {
          params.set("lat", inputs.lat.value);
          params.set("lng", inputs.lng.value);
        } else if (inputs.kelurahan && inputs.kelurahan.value) {
          params.set("kelurahan", inputs.kelurahan.value);
        }
        if (!inputs.kategori.value || params.toString() === "kategori=" + inputs.kategori.value) {
          show([]);
          return;
        }
        var request = ++latest;
        fetch(url + "?" + params.toString(), { headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.ok ? response.json() : { complaints: [] };
          })
          .then(function (data) {
            if (request === latest) {
              show(data.complaints || []);
            }
          })
          .catch(function () {
            show([]);
          });
      }

      ["kategori", "kelurahan", "lat", "lng"].forEach(function (name) {
        if (inputs[name]) {
          inputs[name].addEventListener("change", refresh);
        }
      });
      document.addEventListener("complaint:point", refresh);
      refresh();
    });
  }

  initialise();
  nearbyComplaints();
})();

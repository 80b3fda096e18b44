// The place form's small map: a click sets latitude and longitude; typed coordinates move the marker.
// Progressive enhancement: without this script (or without Leaflet) the two fields work on their own.
(function () {
  "use strict";

  var BERLIN = [52.515, 13.41];

  function parse(value) {
    var number = parseFloat(String(value || "").replace(/\s/g, "").replace(",", "."));
    return isFinite(number) ? number : null;
  }

  function format(number) {
    // German decimal comma, six places (about 10 cm).
    return number.toFixed(6).replace(/0+$/, "").replace(/\.$/, "").replace(".", ",");
  }

  function setUp(element) {
    if (typeof window.L === "undefined") {
      return;
    }
    var form = element.closest("form");
    var latitude = form.querySelector("[name='latitude']");
    var longitude = form.querySelector("[name='longitude']");
    if (!latitude || !longitude) {
      return;
    }
    element.hidden = false;
    var map = window.L.map(element, { scrollWheelZoom: false }).setView(BERLIN, 11);
    if (element.dataset.tiles) {
      window.L.tileLayer(element.dataset.tiles, {
        maxZoom: 19,
        attribution: element.dataset.attribution || "",
      }).addTo(map);
    }
    if (element.dataset.areasUrl && window.fetch) {
      // The district outlines, from this platform: a map to orient by even without a tile server.
      window
        .fetch(element.dataset.areasUrl, { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (data) {
            window.L.geoJSON(data, { style: { weight: 1, color: "#555", fillOpacity: 0.05 } }).addTo(map);
          }
        })
        .catch(function () {});
    }
    var marker = null;

    function show() {
      var lat = parse(latitude.value);
      var lon = parse(longitude.value);
      if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        return;
      }
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        marker = window.L.marker([lat, lon], { keyboard: false }).addTo(map);
      }
      map.setView([lat, lon], Math.max(map.getZoom(), 15));
    }

    map.on("click", function (event) {
      latitude.value = format(event.latlng.lat);
      longitude.value = format(event.latlng.lng);
      show();
    });
    latitude.addEventListener("change", show);
    longitude.addEventListener("change", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var elements = document.querySelectorAll("[data-place-pick]");
    for (var i = 0; i < elements.length; i += 1) {
      setUp(elements[i]);
    }
  });
})();

// The maps of places (Leaflet + markercluster, vendored): the big map, the small map on a place's
// page and the position picker of "Ort vorschlagen". Everything they show is also on the page
// as text (table, coordinates, input fields): the maps are an addition, never the only way.
// Without a tile server configured the maps show the area outlines on a plain background.
(function () {
  "use strict";

  var FRIEDRICHSHAIN_KREUZBERG = [52.5, 13.42];

  function readConfig() {
    var element = document.getElementById("places-map-config");
    return element ? JSON.parse(element.textContent) : null;
  }

  function text(tag, content, className) {
    var element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    element.textContent = content;
    return element;
  }

  function baseMap(element, config, options) {
    var labels = config.labels || {};
    // Without a tile layer nothing else sets the zoom range, which the clustering needs.
    var map = L.map(element, Object.assign({ zoomControl: false, minZoom: 9, maxZoom: 19 }, options || {}));
    L.control.zoom({ zoomInTitle: labels.zoom_in || "+", zoomOutTitle: labels.zoom_out || "-" }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (config.area_attribution) {
      map.attributionControl.addAttribution(config.area_attribution);
    }
    if (config.tiles) {
      L.tileLayer(config.tiles, { attribution: config.attribution || "", maxZoom: 19 }).addTo(map);
    } else {
      element.classList.add("places-map--plain");
    }
    return map;
  }

  var AREA_STYLES = {
    bezirk: { color: "#1d2125", weight: 2, fillOpacity: 0.03 },
    ortsteil: { color: "#4f5861", weight: 1, dashArray: "4 4", fillOpacity: 0 },
    milieuschutz: { color: "#a4262c", weight: 2, fillColor: "#a4262c", fillOpacity: 0.12 },
  };

  // One layer per kind of area; its outlines are fetched the first time it is switched on.
  function areaLayer(map, area) {
    var style = Object.assign({ className: "places-area places-area--" + area.kind }, AREA_STYLES[area.kind] || {});
    var layer = L.geoJSON(null, {
      style: function () {
        return style;
      },
      onEachFeature: function (feature, path) {
        var name = feature.properties.name;
        if (feature.properties.key && area.kind === "milieuschutz") {
          name += " (" + feature.properties.key + ")";
        }
        path.bindTooltip(name, { sticky: true });
      },
    });
    var loaded = false;
    layer.on("add", function () {
      if (loaded) {
        return;
      }
      loaded = true;
      fetch(area.url, { credentials: "same-origin" })
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          layer.addData(data);
          layer.bringToBack();
          map.getContainer().setAttribute("data-area-" + area.kind, "loaded");
        });
    });
    return layer;
  }

  function addAreas(map, config, withControl) {
    var overlays = {};
    (config.areas || []).forEach(function (area) {
      var layer = areaLayer(map, area);
      overlays[area.label] = layer;
      if (area.shown) {
        layer.addTo(map);
      }
    });
    return overlays;
  }

  function clusterIcon(label) {
    return function (cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
      return L.divIcon({
        html: "<span>" + count + '<span class="visually-hidden"> ' + label + "</span></span>",
        className: "marker-cluster places-cluster places-cluster--" + size,
        iconSize: L.point(40, 40),
      });
    };
  }

  function popup(properties, labels) {
    var box = document.createElement("div");
    box.className = "places-popup";
    var heading = document.createElement("p");
    heading.className = "places-popup__name";
    var link = text("a", properties.name);
    link.href = properties.url;
    heading.appendChild(link);
    box.appendChild(heading);
    box.appendChild(text("p", properties.kind_label + " · " + properties.status_label));
    var areas = [];
    if (properties.district) {
      areas.push(labels.district + ": " + properties.district);
    }
    if (properties.ortsteil) {
      areas.push(labels.ortsteil + ": " + properties.ortsteil);
    }
    if (properties.milieuschutz) {
      areas.push(labels.milieuschutz + ": " + properties.milieuschutz);
    }
    areas.forEach(function (line) {
      box.appendChild(text("p", line, "places-popup__area"));
    });
    var more = text("a", labels.open);
    more.href = properties.url;
    box.appendChild(text("p", "")).appendChild(more);
    return box;
  }

  function placesMap(element, config) {
    var labels = config.labels || {};
    var status = document.querySelector("[data-map-status]");
    var map = baseMap(element, config);
    map.setView(FRIEDRICHSHAIN_KREUZBERG, 13);
    var overlays = {};
    var places = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      iconCreateFunction: clusterIcon(labels.places || ""),
    });
    overlays[labels.places || "Orte"] = places;
    places.addTo(map);
    Object.assign(overlays, addAreas(map, config));
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    if (status) {
      status.textContent = labels.loading || "";
    }
    fetch(config.places, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        var markers = collection.features.map(function (feature) {
          var position = feature.geometry.coordinates;
          var name = feature.properties.name;
          return L.marker([position[1], position[0]], { alt: name, title: name, keyboard: true }).bindPopup(
            popup(feature.properties, labels)
          );
        });
        places.addLayers(markers);
        if (markers.length) {
          map.fitBounds(places.getBounds(), { maxZoom: 16, padding: [20, 20] });
        }
        element.setAttribute("data-places-loaded", String(markers.length));
        if (status) {
          status.textContent = (labels.shown || "") + " " + markers.length;
        }
      })
      .catch(function () {
        if (status) {
          status.textContent = labels.failed || "";
        }
      });
  }

  function pointMap(element, config) {
    var position = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    var map = baseMap(element, config, { scrollWheelZoom: false });
    map.setView(position, 15);
    addAreas(map, config);
    L.marker(position, { alt: element.dataset.name, title: element.dataset.name, keyboard: false }).addTo(map);
  }

  function parseNumber(value) {
    var number = parseFloat(String(value || "").trim().replace(",", "."));
    return isNaN(number) ? null : number;
  }

  function pickerMap(element, config) {
    var latInput = document.getElementById(element.dataset.latInput);
    var lonInput = document.getElementById(element.dataset.lonInput);
    var map = baseMap(element, config, { scrollWheelZoom: false });
    addAreas(map, config);
    var marker = null;
    function place(latlng) {
      if (marker) {
        marker.setLatLng(latlng);
      } else {
        marker = L.marker(latlng, { keyboard: false, alt: "" }).addTo(map);
      }
    }
    var lat = parseNumber(latInput.value);
    var lon = parseNumber(lonInput.value);
    if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      map.setView([lat, lon], 15);
      place([lat, lon]);
    } else {
      map.setView(FRIEDRICHSHAIN_KREUZBERG, 13);
    }
    map.on("click", function (event) {
      var latlng = event.latlng.wrap();
      latInput.value = latlng.lat.toFixed(6).replace(".", ",");
      lonInput.value = latlng.lng.toFixed(6).replace(".", ",");
      place(latlng);
    });
    function typed() {
      var lat = parseNumber(latInput.value);
      var lon = parseNumber(lonInput.value);
      if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        place([lat, lon]);
        map.panTo([lat, lon]);
      }
    }
    latInput.addEventListener("change", typed);
    lonInput.addEventListener("change", typed);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined") {
      return;
    }
    var config = readConfig();
    if (!config) {
      return;
    }
    var element = document.querySelector("[data-places-map]");
    if (element) {
      placesMap(element, config);
    }
    element = document.querySelector("[data-place-point]");
    if (element) {
      pointMap(element, config);
    }
    element = document.querySelector("[data-place-picker]");
    if (element) {
      pickerMap(element, config);
    }
  });
})();

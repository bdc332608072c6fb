// Maps of structures (Leaflet, served by the site). Progressive enhancement: the page lists
// every structure without this file; the map stays hidden when Leaflet or its data is missing.
// A structure's map carries its few points in the page (data-map-points: the id of a JSON
// block); the directory's map fetches its points from the site (data-map-source: a URL of the
// same origin, as the page's Content-Security-Policy requires), since thousands of them would
// weigh down the page.
(function () {
    "use strict";
    if (typeof window.L === "undefined") { return; }

    function popupOf(point) {
        var link = document.createElement("a");
        link.href = point.url;
        link.textContent = point.name;
        var popup = document.createElement("div");
        popup.appendChild(link);
        if (point.city) { popup.appendChild(document.createTextNode(" – " + point.city)); }
        return popup;
    }

    function draw(element, points) {
        if (!points || !points.length) { return; }
        element.hidden = false;  // before Leaflet measures the container
        var map = window.L.map(element, { scrollWheelZoom: false });
        if (element.dataset.mapTiles) {
            window.L.tileLayer(element.dataset.mapTiles, {
                maxZoom: 18, attribution: element.dataset.mapAttribution
            }).addTo(map);
        }
        var bounds = [];
        points.forEach(function (point) {
            var marker = window.L.circleMarker([point.lat, point.lng], {
                radius: point.current ? 10 : 7, weight: 2,
                color: "#0a4a3c", fillColor: point.current ? "#a84300" : "#0b6b57", fillOpacity: 0.9
            }).addTo(map);
            // Built when opened: the directory's map may hold thousands of markers.
            marker.bindPopup(function () { return popupOf(point); });
            bounds.push([point.lat, point.lng]);
        });
        if (bounds.length === 1) { map.setView(bounds[0], 12); } else { map.fitBounds(bounds, { padding: [24, 24] }); }
    }

    document.querySelectorAll("[data-map]").forEach(function (element) {
        if (element.dataset.mapSource) {
            if (!window.fetch) { return; }
            // data-map-state tells whoever waits on the page (a test, a script) that the
            // fetch has settled: "drawn", or "none" when there was nothing to draw.
            window.fetch(element.dataset.mapSource, {
                headers: { "Accept": "application/json" }, credentials: "same-origin"
            }).then(function (response) {
                return response.ok ? response.json() : null;
            }).then(function (data) {
                // Each point is a list of values, in the order of data.fields.
                if (data) {
                    draw(element, data.points.map(function (values) {
                        var point = {};
                        data.fields.forEach(function (field, index) { point[field] = values[index]; });
                        return point;
                    }));
                }
                element.dataset.mapState = element.hidden ? "none" : "drawn";
            }).catch(function () {
                // The map is optional: the list holds every structure.
                element.dataset.mapState = "none";
            });
            return;
        }
        var data = document.getElementById(element.dataset.mapPoints);
        if (data) { draw(element, JSON.parse(data.textContent)); }
    });
})();

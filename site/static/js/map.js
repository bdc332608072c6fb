// Maps of structures (Leaflet, served by the site). Progressive enhancement: the page lists
// every structure without this file; the map stays hidden when Leaflet or its data is missing.
(function () {
    "use strict";
    if (typeof window.L === "undefined") { return; }
    document.querySelectorAll("[data-map]").forEach(function (element) {
        var data = document.getElementById(element.dataset.mapPoints);
        if (!data) { return; }
        var points = JSON.parse(data.textContent);
        if (!points.length) { return; }
        element.hidden = false;
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
            var link = document.createElement("a");
            link.href = point.url;
            link.textContent = point.name;
            var popup = document.createElement("div");
            popup.appendChild(link);
            if (point.city) { popup.appendChild(document.createTextNode(" – " + point.city)); }
            marker.bindPopup(popup);
            bounds.push([point.lat, point.lng]);
        });
        if (bounds.length === 1) { map.setView(bounds[0], 12); } else { map.fitBounds(bounds, { padding: [24, 24] }); }
    });
})();

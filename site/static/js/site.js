// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";
    // External embeds: load the provider's player only when the visitor asks.
    document.querySelectorAll("[data-embed]").forEach(function (figure) {
        var button = figure.querySelector("[data-embed-load]");
        var template = figure.querySelector("[data-embed-html]");
        if (!button || !template) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            var holder = document.createElement("div");
            holder.className = "block-embed__player";
            holder.appendChild(template.content.cloneNode(true));
            figure.replaceChild(holder, button);
        });
    });
})();

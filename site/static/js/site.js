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

// Search suggestions: titles fetched from the site as one types, offered by the browser's own
// <datalist> (keyboard and screen-reader support included). Without JavaScript the box
// simply searches.
(function () {
    "use strict";
    if (!window.fetch) { return; }
    document.querySelectorAll("input[data-suggestions-url][list]").forEach(function (input) {
        var list = input.list;
        if (!list) { return; }
        var timer = null;
        var last = "";
        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(function () {
                var query = input.value.trim();
                if (query.length < 2 || query === last) { return; }
                last = query;
                window.fetch(input.dataset.suggestionsUrl + "?q=" + encodeURIComponent(query), {
                    headers: { "Accept": "application/json" }
                }).then(function (response) {
                    return response.ok ? response.json() : { suggestions: [] };
                }).then(function (data) {
                    list.textContent = "";
                    data.suggestions.forEach(function (item) {
                        var option = document.createElement("option");
                        option.value = item.title;
                        option.label = item.type;
                        list.appendChild(option);
                    });
                }).catch(function () { /* suggestions are optional */ });
            }, 200);
        });
    });
})();

// A form sent back with errors: move the focus to its summary (role="alert", tabindex="-1"),
// so that keyboard and screen-reader users start from the list of what to correct. On load:
// going to the form's fragment (action="#contact") would otherwise take the focus back.
(function () {
    "use strict";
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    if (document.readyState === "complete") { summary.focus(); return; }
    window.addEventListener("load", function () { summary.focus(); });
})();

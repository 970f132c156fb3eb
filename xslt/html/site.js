/* html/site.js: the reading edition's only script. Everything it adds is optional: without
   it the lists show in full, footnotes are read at the end of the page (and on hover or
   focus at the marker, by CSS), and the search page says that search needs JavaScript.

   - facets: the form above a list (hidden until this script shows it) filters the list
     items by date range, sender, recipient, type and marking (their data-* attributes);
   - search: search.html?q=… asks the Pagefind index (pagefind/pagefind.js), which the
     browser can only load over HTTP, and lists title, date and an excerpt per hit;
   - Escape hides the tooltip (person, term, footnote) that hover or focus showed. */
(function () {
  "use strict";

  function facets(form) {
    var items = Array.prototype.slice.call(document.querySelectorAll("li.entry[data-date]"));
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-facet-group]"));
    var count = form.querySelector(".facet-count");
    function value(name) {
      var field = form.querySelector("[data-facet='" + name + "']");
      return field ? field.value : "";
    }
    function update() {
      var from = value("from"), to = value("to"), shown = 0;
      var wanted = ["sender", "recipient", "type", "marking"].map(function (n) { return [n, value(n)]; });
      items.forEach(function (li) {
        var date = li.getAttribute("data-date") || "";
        var ok = true;
        if (from && (!date || date < from)) ok = false;
        if (to && (!date || date > to)) ok = false;
        wanted.forEach(function (pair) {
          if (pair[1] && (li.getAttribute("data-" + pair[0]) || "").split("|").indexOf(pair[1]) < 0) ok = false;
        });
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("li.entry:not([hidden])");
      });
      var filtered = shown !== items.length;
      count.textContent = filtered ? shown + " of " + items.length + " documents shown." : "";
    }
    form.hidden = false;
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
  }

  function search() {
    var params = new URLSearchParams(location.search);
    var query = (params.get("q") || "").trim();
    var input = document.getElementById("search-q");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (input) input.value = query;
    if (location.protocol === "file:") {
      status.textContent = "Search needs the edition served over HTTP (for example: python -m http.server in the output folder, then open http://localhost:8000/html/search.html). Opened from a file, only reading and the lists work.";
      return;
    }
    if (!query) { status.textContent = "Type words to find in the documents."; return; }
    status.textContent = "Searching…";
    import("./pagefind/pagefind.js").then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (found) {
      return Promise.all(found.results.slice(0, 50).map(function (r) { return r.data(); })).then(function (hits) {
        list.textContent = "";
        hits.forEach(function (hit) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = hit.url;
          a.textContent = (hit.meta && hit.meta.title) || hit.url;
          li.appendChild(a);
          if (hit.meta && hit.meta.date) {
            var d = document.createElement("span");
            d.className = "hit-date";
            d.textContent = " · " + hit.meta.date;
            li.appendChild(d);
          }
          var p = document.createElement("p");
          p.className = "hit-excerpt";
          p.innerHTML = hit.excerpt; /* Pagefind escapes the text and marks hits with <mark> */
          li.appendChild(p);
          list.appendChild(li);
        });
        var n = found.results.length;
        status.textContent = n === 0 ? "No document contains “" + query + "”." :
          n + (n === 1 ? " document contains " : " documents contain ") + "“" + query + "”" + (n > 50 ? " (the first 50 are listed)." : ".");
      });
    }).catch(function () {
      status.textContent = "The search index could not be loaded: search needs the edition served over HTTP with its pagefind/ folder.";
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") document.body.classList.add("tips-off");
  });
  document.addEventListener("pointermove", function () { document.body.classList.remove("tips-off"); });
  document.addEventListener("focusin", function () { document.body.classList.remove("tips-off"); });

  var form = document.querySelector("form.facets");
  if (form) facets(form);
  if (document.getElementById("search-results")) search();
})();

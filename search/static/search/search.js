// Search box completions from /api/search/suggest/ (progressive enhancement: the form works without it).
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (!q || q === last) { return; }
      last = q;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { completions: [] }; })
        .then(function (data) {
          list.textContent = "";
          (data.completions || []).forEach(function (text) {
            var option = document.createElement("option");
            option.value = text;
            list.appendChild(option);
          });
        })
        .catch(function () { /* completions are optional */ });
    }, 150);
  });
})();

// On a wide screen the filters sit beside the results: show them open (on a phone they stay folded).
(function () {
  "use strict";
  var filters = document.querySelector(".search-filters");
  if (filters && window.matchMedia && window.matchMedia("(min-width: 768px)").matches) { filters.open = true; }
})();

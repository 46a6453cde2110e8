/* Prerequisite chooser: typing part of a code or title filters the "code title" checkboxes; chosen ones stay
   visible. Without JavaScript the same checkboxes are simply all listed. */
(function () {
  "use strict";

  function setup(chooser) {
    var input = chooser.querySelector("[data-prerequisite-filter]");
    var count = chooser.querySelector("[data-prerequisite-count]");
    var items = Array.prototype.slice.call(chooser.querySelectorAll("li[data-search]"));
    chooser.querySelector("[data-prerequisite-search]").hidden = false;

    function filter() {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var checked = item.querySelector("input").checked;
        var match = !query || item.getAttribute("data-search").indexOf(query) !== -1;
        item.hidden = !(match || checked);
        if (match) { shown += 1; }
      });
      var chosen = chooser.querySelectorAll("input[type=checkbox]:checked").length;
      count.textContent = "已选 " + chosen + " 个" + (query ? "，找到 " + shown + " 个" : "");
    }
    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    chooser.addEventListener("change", filter);
    filter();
  }

  function init() {
    document.querySelectorAll("[data-prerequisite-chooser]:not([data-ready])").forEach(function (chooser) {
      chooser.setAttribute("data-ready", "");
      setup(chooser);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* 学习清单: the modules a trainee marked as studied, kept in this browser only (localStorage; no account, nothing
   sent). Progressive enhancement: without JavaScript or storage the controls stay hidden and the pages work. */
(function () {
  "use strict";
  var KEY = "kangyang.study-list";

  function storage() {
    try {
      var probe = "__probe__";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function load(store) {
    try {
      var value = JSON.parse(store.getItem(KEY) || "[]");
      return Array.isArray(value) ? value.filter(function (item) { return typeof item === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function save(store, codes) {
    store.setItem(KEY, JSON.stringify(codes));
  }

  function setupToggle(store, button) {
    var code = button.getAttribute("data-study-toggle");
    function render() {
      var on = load(store).indexOf(code) !== -1;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = button.getAttribute(on ? "data-label-on" : "data-label-off");
    }
    button.addEventListener("click", function () {
      var codes = load(store);
      var at = codes.indexOf(code);
      if (at === -1) { codes.push(code); } else { codes.splice(at, 1); }
      save(store, codes);
      render();
    });
    render();
    button.closest("[hidden]") && button.closest("[hidden]").removeAttribute("hidden");
  }

  function setupPackage(store) {
    var codes = load(store);
    var links = document.querySelectorAll("[data-study-code]");
    var done = 0;
    Array.prototype.forEach.call(links, function (link) {
      if (codes.indexOf(link.getAttribute("data-study-code")) !== -1) {
        done += 1;
        var mark = document.createElement("span");
        mark.className = "badge badge-studied";
        mark.textContent = (document.querySelector(".study-progress") || link).getAttribute("data-badge") || "✓";
        link.parentNode.appendChild(document.createTextNode(" "));
        link.parentNode.appendChild(mark);
      }
    });
    var progress = document.querySelector(".study-progress");
    if (progress && links.length) {
      progress.textContent = progress.getAttribute("data-template")
        .replace("{done}", String(done)).replace("{total}", progress.getAttribute("data-study-total"));
      progress.removeAttribute("hidden");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var store = storage();
    if (!store) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-study-toggle]"), function (button) {
      setupToggle(store, button);
    });
    setupPackage(store);
  });
})();

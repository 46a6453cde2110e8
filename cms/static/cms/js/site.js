/* Small progressive enhancements; every page works without this file (no inline scripts: CSP-ready). */
(function () {
  "use strict";
  var TABLE_LABEL = /^zh/i.test(document.documentElement.lang) ? "表格" : "Table";

  /* Wide tables: a table box that scrolls sideways becomes a focusable, named region, so keyboard users can
     scroll it (WCAG 2.1.1) and screen readers announce it; the class draws the edge shadows. */
  /* Tables written by hand or rendered from Markdown get the same scroll box as the templates' own tables. */
  function wrapBareTables() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.parentNode.classList && table.parentNode.classList.contains("table-scroll")) continue;
      var box = document.createElement("div");
      box.className = "table-scroll";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    }
  }

  function markScrollableTables() {
    var boxes = document.querySelectorAll(".table-scroll");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var scrollable = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("is-scrollable", scrollable);
      if (scrollable && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-tabindex-added", "");
      } else if (!scrollable && box.hasAttribute("data-tabindex-added")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-tabindex-added");
      }
      if (scrollable && !box.hasAttribute("role")) {
        box.setAttribute("role", "region");
      }
      if (scrollable && !box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : box.getAttribute("data-label") || TABLE_LABEL);
      }
    }
  }

  /* Phone navigation: the section tabs scroll sideways; show the active tab and fade the edge that hides more. */
  function setUpNav() {
    var nav = document.querySelector(".site-nav");
    var list = nav && nav.querySelector("ul");
    if (!list) return;
    function update() {
      var overflowing = list.scrollWidth > list.clientWidth + 1;
      nav.classList.toggle("is-overflowing", overflowing);
      nav.classList.toggle("is-scrolled-end", list.scrollLeft + list.clientWidth >= list.scrollWidth - 1);
    }
    var active = list.querySelector("[aria-current]");
    if (active && list.scrollWidth > list.clientWidth) {
      var item = active.parentNode.getBoundingClientRect();
      var box = list.getBoundingClientRect();
      list.scrollLeft = Math.max(0, item.left - box.left + list.scrollLeft - (box.width - item.width) / 2);
    }
    list.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  }

  /* A <details data-open-from="768px"> (e.g. a filter form folded away on a phone) opens on wider screens. */
  function openWideDetails() {
    var boxes = document.querySelectorAll("details[data-open-from]");
    for (var i = 0; i < boxes.length; i++) {
      if (window.matchMedia("(min-width: " + boxes[i].getAttribute("data-open-from") + ")").matches) {
        boxes[i].open = true;
      }
    }
  }

  function init() {
    openWideDetails();
    wrapBareTables();
    markScrollableTables();
    setUpNav();
    var timer;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(markScrollableTables, 100);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

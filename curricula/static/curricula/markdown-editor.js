/* Markdown editor of the module body: toolbar buttons wrap the selection or start the line; the preview beside
   the text is rendered by the server with the public page's renderer and sanitiser (no HTML is built here). */
(function () {
  "use strict";

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function apply(textarea, button) {
    var before = button.getAttribute("data-before");
    var after = button.getAttribute("data-after");
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var text = textarea.value;
    var selected = text.slice(start, end);
    if (!after) {
      var lineStart = text.lastIndexOf("\n", start - 1) + 1;
      textarea.value = text.slice(0, lineStart) + before + text.slice(lineStart);
      textarea.setSelectionRange(start + before.length, end + before.length);
    } else {
      textarea.value = text.slice(0, start) + before + selected + after + text.slice(end);
      textarea.setSelectionRange(start + before.length, start + before.length + selected.length);
    }
    textarea.focus();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    textarea.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function setup(editor) {
    var textarea = editor.querySelector("textarea");
    var preview = editor.querySelector("[data-md-preview]");
    var url = editor.getAttribute("data-preview-url");
    var timer = null;
    var sent = 0;

    function refresh() {
      var ticket = ++sent;
      var body = new FormData();
      body.append("text", textarea.value);
      fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && ticket === sent) {
            preview.innerHTML = data.html; // sanitised by nh3 on the server, exactly as on the public page
          }
        })
        .catch(function () {});
    }

    editor.querySelectorAll("[data-md-action]").forEach(function (button) {
      button.addEventListener("click", function () { apply(textarea, button); });
    });
    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    refresh();
  }

  function init(root) {
    (root || document).querySelectorAll("[data-md-editor]:not([data-md-ready])").forEach(function (editor) {
      editor.setAttribute("data-md-ready", "");
      setup(editor);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(); });
  } else {
    init();
  }
})();

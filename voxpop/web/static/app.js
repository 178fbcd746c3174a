// voxpop's own script (no inline script anywhere: the Content-Security-Policy forbids it).
// Query boxes marked data-validate="#target" are checked as you type by the API's validator;
// each problem shows its column, message and hint. Text is set with textContent, never as HTML.
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function show(target, input, result) {
    target.replaceChildren();
    var items = (result.problems || []).map(function (p) { return [p, "problem"]; })
      .concat((result.warnings || []).map(function (p) { return [p, "warning"]; }));
    items.forEach(function (item) {
      var p = item[0], line = document.createElement("p");
      line.className = item[1];
      line.textContent = "column " + p.column + ": " + p.message + (p.hint ? " — " + p.hint : "");
      target.appendChild(line);
    });
    input.classList.toggle("invalid", !result.valid);
    input.setAttribute("aria-invalid", result.valid ? "false" : "true");
  }

  function watch(input) {
    var target = document.querySelector(input.getAttribute("data-validate"));
    if (!target) { return; }
    var timer = null, sent = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = input.value, mine = ++sent;
        if (!text.trim()) { target.replaceChildren(); input.classList.remove("invalid"); return; }
        fetch("/api/v1/queries/validate", {
          method: "POST", credentials: "same-origin",
          headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
          body: JSON.stringify({query: text})
        }).then(function (r) { return r.ok ? r.json() : null; }).then(function (result) {
          if (result && mine === sent) { show(target, input, result); }
        }).catch(function () { /* offline: the server checks again on submit */ });
      }, 200);
    });
  }

  function init(root) {
    root.querySelectorAll("[data-validate]").forEach(watch);
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
})();

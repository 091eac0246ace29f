// Added to pages by `dossier serve` only: reloads the page after each good build,
// and shows a failed build's errors over the page until a fix builds.
(function () {
  var version = null;
  var panel = null;
  function show(errors) {
    if (!errors.length) {
      if (panel) { panel.remove(); panel = null; }
      return;
    }
    if (!panel) {
      panel = document.createElement("pre");
      panel.setAttribute("style", "position:fixed;inset:auto 0 0 0;max-height:50%;overflow:auto;margin:0;padding:1em;background:#fff4f4;color:#8a1010;border-top:3px solid #c00;font:13px/1.4 monospace;z-index:99999;white-space:pre-wrap");
      document.body.appendChild(panel);
    }
    panel.textContent = "The last build failed; this is the last good site.\n\n" + errors.join("\n\n");
  }
  function poll() {
    fetch("/__dossier/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (status) {
        if (version !== null && status.version !== version) { location.reload(); return; }
        version = status.version;
        show(status.errors);
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 700); });
  }
  poll();
})();

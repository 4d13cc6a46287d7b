/* The open space's grid, live: every second while the page is visible, ask the grid's
   version (a tiny JSON, fresh whichever process changed it); when it changed, fetch the
   grid and the marketplace and swap them in, then say so in the polite live region.
   Stops while the tab is hidden, waits longer after errors. Without this file the page
   is the same, as of its loading. */
(function () {
  "use strict";
  var live = document.getElementById("grid-live");
  if (!live || !window.fetch) { return; }
  var status = document.getElementById("grid-status");
  var stateUrl = live.getAttribute("data-state-url");
  var fragmentUrl = live.getAttribute("data-fragment-url");
  var DELAY = 1000, MAX_DELAY = 30000;
  var delay = DELAY, timer = 0, loading = false;

  function shown() {
    var body = live.querySelector("[data-version]");
    return body ? body.getAttribute("data-version") : "";
  }
  function schedule() {
    window.clearTimeout(timer);
    if (!document.hidden) { timer = window.setTimeout(poll, delay); }
  }
  function failed() { delay = Math.min(delay * 2, MAX_DELAY); }
  // Keep the focus where it was: the same control (by its form's action and name) in the new grid.
  function focusKey() {
    var el = document.activeElement;
    if (!el || !live.contains(el)) { return null; }
    var form = el.form || el.closest("form");
    var topic = el.closest("[id^='grid-topic-']");
    return {topic: topic ? topic.id : "", action: form ? form.getAttribute("action") : "", href: el.getAttribute("href") || ""};
  }
  function refocus(key) {
    if (!key) { return; }
    var scope = key.topic ? document.getElementById(key.topic) : null, target = null;
    if (scope) {
      target = key.action ? scope.querySelector("form[action='" + key.action + "'] button") :
        (key.href ? scope.querySelector("a[href='" + key.href + "']") : null);
    }
    (target || live).focus();
  }
  function swap(html) {
    var key = focusKey();
    var open = [].map.call(live.querySelectorAll("details[open]"), function (d) { return d.className; });
    live.innerHTML = html;
    open.forEach(function (name) { var d = live.querySelector("details." + name.split(" ")[0]); if (d) { d.open = true; } });
    if (!live.hasAttribute("tabindex")) { live.setAttribute("tabindex", "-1"); }
    refocus(key);
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = status.getAttribute("data-updated") || ""; }, 100);
    }
  }
  function poll() {
    if (loading || document.hidden) { return; }
    loading = true;
    fetch(stateUrl, {credentials: "same-origin", cache: "no-store", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (state) {
        delay = DELAY;
        var version = String(state.version);
        if (version === shown()) { return; }
        // The version in the address: an anonymous reader's cached fragment is per version.
        var url = fragmentUrl + (fragmentUrl.indexOf("?") === -1 ? "?" : "&") + "v=" + encodeURIComponent(version);
        return fetch(url, {credentials: "same-origin", cache: "no-store"}).then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.text().then(swap);
        });
      })
      .catch(failed)
      .then(function () { loading = false; schedule(); });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { window.clearTimeout(timer); } else { delay = DELAY; poll(); }
  });
  schedule();
})();

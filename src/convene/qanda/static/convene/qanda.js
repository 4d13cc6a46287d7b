/* Live questions: every 2 s, while the tab is visible, fetch the list if it changed (ETag)
   and swap it in. Without this file the page shows a "Reload" link instead. */
(function () {
  "use strict";
  var list = document.getElementById("qanda-list");
  if (!list || !window.fetch) { return; }
  var status = document.getElementById("qanda-status"), reload = document.getElementById("qanda-reload");
  var etag = list.getAttribute("data-etag"), delay = 1000 * (+list.getAttribute("data-seconds") || 2);
  var timer = 0, loading = false;
  if (reload) { reload.hidden = true; }

  function summary() {
    var node = list.querySelector("[data-summary]");
    return node ? node.textContent : "";
  }
  // Never swap under someone's hands: focus in the list, or a response being written.
  function busy() {
    if (list.contains(document.activeElement)) { return true; }
    return [].some.call(list.querySelectorAll("textarea, input[type=text]"), function (f) { return f.value !== f.defaultValue; });
  }
  function schedule() {
    window.clearTimeout(timer);
    if (!document.hidden) { timer = window.setTimeout(poll, delay); }
  }
  function swap(html, tag) {
    var before = summary();
    var open = [].map.call(list.querySelectorAll("details[open]"), function (d) { return d.id; });
    list.innerHTML = html;
    etag = tag;
    open.forEach(function (id) { var d = document.getElementById(id); if (d) { d.open = true; } });
    if (status && summary() !== before) { status.textContent = summary(); }  // polite, once
  }
  function poll() {
    if (loading || document.hidden) { return; }
    if (busy()) {  // counted in data-held, so that one can tell the list waited
      list.setAttribute("data-held", (+list.getAttribute("data-held") || 0) + 1);
      schedule();
      return;
    }
    loading = true;
    fetch(list.getAttribute("data-live-url"), {
      headers: {"If-None-Match": etag}, credentials: "same-origin", cache: "no-store"
    }).then(function (response) {
      if (response.status !== 200) { return; }  // 304: nothing changed
      return response.text().then(function (html) {
        if (!busy()) { swap(html, response.headers.get("ETag") || etag); }
      });
    }).catch(function () { /* offline for a moment */ }).then(function () {
      loading = false;
      schedule();
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { window.clearTimeout(timer); } else { poll(); }
  });
  schedule();
})();

/* Live questions: every 1.8 s (counted from the previous request, so a slow answer does
   not stretch the cycle), while the tab is visible, fetch the list if it changed (ETag)
   and swap it in. Without this file the page shows a "Reload" link instead.
   The list fetched is the same for every participant: this script puts back what is the
   reader's own, as the page gave it: their CSRF token, their votes (data-voted) and their
   name on the questions they asked anonymously (data-own). */
(function () {
  "use strict";
  var list = document.getElementById("qanda-list");
  if (!list || !window.fetch) { return; }
  var status = document.getElementById("qanda-status"), reload = document.getElementById("qanda-reload");
  var etag = list.getAttribute("data-etag"), delay = +list.getAttribute("data-ms") || 1800;
  var timer = 0, loading = false, sent = 0;
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  var voted = (list.getAttribute("data-voted") || "").split(" ").filter(Boolean), own = {};
  [].forEach.call(list.querySelectorAll("[data-asker][data-own]"), function (node) {
    own[node.getAttribute("data-asker")] = node.outerHTML;
  });
  if (reload) { reload.hidden = true; }

  function one(selector) { return list.querySelector(selector); }
  function personalize() {
    if (token) {
      [].forEach.call(list.querySelectorAll("input[name=csrfmiddlewaretoken]"), function (input) { input.value = token.value; });
    }
    voted.forEach(function (id) {
      var vote = one('[data-vote="' + id + '"]'), unvote = one('[data-unvote="' + id + '"]');
      if (vote && unvote) { vote.hidden = true; unvote.hidden = false; }
    });
    Object.keys(own).forEach(function (id) {
      var node = one('[data-asker="' + id + '"]');
      if (node && !node.hasAttribute("data-own")) { node.outerHTML = own[id]; }
    });
  }

  function summary() {
    var node = list.querySelector("[data-summary]");
    return node ? node.textContent : "";
  }
  // Never swap under someone's hands: focus in the list, or a response being written.
  function busy() {
    if (list.contains(document.activeElement)) { return true; }
    return [].some.call(list.querySelectorAll("textarea, input[type=text]"), function (f) { return f.value !== f.defaultValue; });
  }
  function schedule(since) {  // `since`: when the previous request went out
    window.clearTimeout(timer);
    var wait = since ? Math.max(0, delay - (Date.now() - since)) : delay;
    if (!document.hidden) { timer = window.setTimeout(poll, wait); }
  }
  function swap(html, tag) {
    var before = summary();
    var open = [].map.call(list.querySelectorAll("details[open]"), function (d) { return d.id; });
    list.innerHTML = html;
    personalize();
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
    sent = Date.now();
    fetch(list.getAttribute("data-live-url"), {
      headers: {"If-None-Match": etag}, credentials: "same-origin", cache: "no-store"
    }).then(function (response) {
      if (response.status !== 200) { return; }  // 304: nothing changed
      return response.text().then(function (html) {
        if (!busy()) { swap(html, response.headers.get("ETag") || etag); }
      });
    }).catch(function () { /* offline for a moment */ }).then(function () {
      loading = false;
      schedule(sent);
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { window.clearTimeout(timer); } else { poll(); }
  });
  schedule();
})();

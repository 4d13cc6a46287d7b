/* Convene progressive enhancement: every page works without this file. */
(function () {
  "use strict";
  var body = document.body;
  // 1. Time zone: if the viewer has chosen none, remember the browser's and show the page in it.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && body.getAttribute("data-timezone-source") === "default" && zone !== "UTC" &&
        document.cookie.indexOf("convene_tz=") === -1) {
      document.cookie = "convene_tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax" +
        (window.location.protocol === "https:" ? ";secure" : "");
      if (document.querySelector("time[datetime]")) { window.location.reload(); }
    }
  } catch (e) { /* old browser: times stay in UTC with a link to choose a zone */ }

  // 2. Countdowns: <span data-countdown="ISO" data-units='{"d":..}'>..</span> ticks every minute.
  function tick() {
    var nodes = document.querySelectorAll("[data-countdown]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var left = Math.max(0, Date.parse(el.getAttribute("data-countdown")) - Date.now());
      if (left === 0) { el.textContent = el.getAttribute("data-done") || ""; continue; }
      var m = Math.floor(left / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60);
      el.textContent = (el.getAttribute("data-format") || "{d} {h} {m}")
        .replace("{d}", String(d)).replace("{h}", String(h)).replace("{m}", String(m % 60));
    }
  }
  if (document.querySelector("[data-countdown]")) { tick(); window.setInterval(tick, 30000); }
})();

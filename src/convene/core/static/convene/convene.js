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

  // 2. Countdowns: <span data-countdown="ISO" data-units='{"d": {"one": "{n} day", ..}, ..}'>
  // ticks every half minute, as the server wrote it (core.templatetags.convene.countdown_units):
  // days and hours, else hours and minutes, each unit in its plural form for the language.
  var plurals = null;
  try { plurals = new Intl.PluralRules(document.documentElement.lang || "en"); } catch (e) { /* keep the server's text */ }
  function unit(forms, n) {
    var form = forms[plurals.select(n)] || forms.other || forms.many || "{n}";
    return form.replace("{n}", String(n));
  }
  function tick() {
    var nodes = document.querySelectorAll("[data-countdown][data-units]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i], units;
      try { units = JSON.parse(el.getAttribute("data-units")); } catch (e) { continue; }
      var left = Math.max(0, Date.parse(el.getAttribute("data-countdown")) - Date.now());
      var m = Math.floor(left / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60);
      if (m < 1) { el.textContent = el.getAttribute("data-done") || ""; continue; }
      var parts = [];
      if (d) { parts.push(unit(units.d, d)); }
      if (h) { parts.push(unit(units.h, h)); }
      if (m % 60 && !d) { parts.push(unit(units.m, m % 60)); }
      el.textContent = parts.length > 1 ? units.pair.replace("{a}", parts[0]).replace("{b}", parts[1]) : parts[0];
    }
  }
  if (plurals && document.querySelector("[data-countdown][data-units]")) { tick(); window.setInterval(tick, 30000); }

  // 3. A form sent back with errors: its summary of them is read first.
  var summary = document.querySelector(".error-summary h2[tabindex]");
  if (summary) { summary.focus(); }
})();

/* Convene: the ranked ballot, improved. Without this file the ballot is a select per item
   ("—" or a rank); with it, the page also shows the chosen order with buttons to move an
   item up or down, which rewrite the selects, and a rank given twice is taken from the item
   that had it (it gets the other's former rank). The selects stay what is submitted. */
(function () {
  "use strict";
  var form = document.getElementById("ballot-form");
  if (!form || !form.hasAttribute("data-ranked")) { return; }
  var panel = document.getElementById("ballot-order");
  if (!panel) { return; }
  var list = panel.querySelector("ol");
  var empty = panel.querySelector("[data-empty]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function labelOf(select) {
    var label = form.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.trim() : select.name;
  }

  function ranked() {
    return selects.filter(function (s) { return s.value !== ""; })
      .sort(function (a, b) { return Number(a.value) - Number(b.value); });
  }

  function renumber(order) {
    order.forEach(function (select, index) { select.value = String(index + 1); select.setAttribute("data-was", select.value); });
  }

  function button(arrow, label, onClick, disabled) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "secondary";
    b.textContent = arrow;
    b.setAttribute("aria-label", label);
    b.title = label;
    b.disabled = disabled;
    b.addEventListener("click", onClick);
    return b;
  }

  function move(select, delta) {
    var order = ranked();
    var i = order.indexOf(select), j = i + delta;
    if (i < 0 || j < 0 || j >= order.length) { return; }
    order.splice(i, 1);
    order.splice(j, 0, select);
    renumber(order);
    render();
    var again = list.querySelector('[data-for="' + select.id + '"] button:not([disabled])');
    if (again) { again.focus(); }
  }

  function render() {
    var order = ranked();
    while (list.firstChild) { list.removeChild(list.firstChild); }
    order.forEach(function (select, index) {
      var li = document.createElement("li");
      li.setAttribute("data-for", select.id);
      var span = document.createElement("span");
      span.setAttribute("dir", "auto");
      span.textContent = labelOf(select);
      li.appendChild(span);
      li.appendChild(button("\u2191", panel.getAttribute("data-up"), function () { move(select, -1); }, index === 0));
      li.appendChild(button("\u2193", panel.getAttribute("data-down"), function () { move(select, 1); }, index === order.length - 1));
      list.appendChild(li);
    });
    empty.hidden = order.length > 0;
    panel.hidden = false;
  }

  selects.forEach(function (select) {
    select.setAttribute("data-was", select.value);
    select.addEventListener("change", function () {
      var was = select.getAttribute("data-was") || "";
      if (select.value !== "") {
        selects.forEach(function (other) {
          if (other !== select && other.value === select.value) {
            other.value = was;
            other.setAttribute("data-was", was);
          }
        });
      }
      select.setAttribute("data-was", select.value);
      render();
    });
  });
  render();
})();

// Open space, passing the invitation on: buttons that copy the invitation's text and its
// link (Clipboard API). Without JavaScript the buttons stay hidden; the text is selectable.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("[data-copy-row]").forEach(function (row) {
    row.hidden = false;
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var id = button.getAttribute("data-copy");
    var source = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!source) {
      return;
    }
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(
        function () {
          if (status) status.textContent = button.getAttribute("data-copied");
        },
        function () {
          source.focus();
          source.select();
          if (status) status.textContent = button.getAttribute("data-failed");
        }
      );
    });
  });
})();

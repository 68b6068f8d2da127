// Reveals the copy buttons of the ready replies and copies a reply's text when pressed.
// Without JavaScript the buttons stay hidden and the text can be selected by hand.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  var status = document.querySelector(".copy-status");
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(source.textContent.trim()).then(
        function () { if (status) status.textContent = status.getAttribute("data-copied"); },
        function () { if (status) status.textContent = status.getAttribute("data-failed"); }
      );
    });
  });
})();

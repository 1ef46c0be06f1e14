/* Min plan: the "Udskriv" button (hidden without JavaScript; the browser's own print
   works too, with the print stylesheet in app.css). */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();

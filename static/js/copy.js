/* Copy buttons for the text blocks (templates/plan/text_blocks.html). Each button
   data-copy="ID" copies the text of the read-only textarea #ID with
   navigator.clipboard; where that is not allowed it selects the text, so Ctrl+C copies
   it. Without JavaScript the buttons stay hidden and the text can be selected by hand. */
(function () {
  "use strict";

  function say(id, message) {
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (status) {
      status.textContent = message;
    }
  }

  function select(area, button) {
    area.focus();
    area.select();
    say(area.id, button.dataset.selectedLabel || "");
  }

  function copy(button) {
    var area = document.getElementById(button.dataset.copy);
    if (!area) {
      return;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(function () {
        say(area.id, button.dataset.copiedLabel || "");
      }, function () {
        select(area, button);
      });
    } else {
      select(area, button);
    }
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();

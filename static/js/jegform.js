/* Jeg-form hints while typing (templates/plan/_macros.html: jeg_textarea, jeg_hint_box).
   A field marked data-jegform inside a form with data-jegform-url is checked a moment
   after typing stops (POST JSON with the CSRF token in X-CSRFToken); the quiet hint below
   it shows the reason and a "Brug denne formulering" button that puts the suggestion in
   the field. Without this script the server shows the same hint, and the button submits
   the form with the suggestion. */
(function () {
  "use strict";
  if (window.samtaleJegform) {
    return;  /* loaded twice on one page: bind once */
  }
  window.samtaleJegform = true;
  var DELAY = 800;

  function box(field) {
    return document.getElementById(field.id + "-jeg");
  }

  function apply(field, suggestion) {
    field.value = suggestion;
    field.dataset.jegformChecked = suggestion;
    var hint = box(field);
    if (hint) {
      hint.textContent = "";
    }
    field.focus();
  }

  function render(field, result) {
    var hint = box(field);
    if (!hint) {
      return;
    }
    hint.textContent = "";
    if (!result || !result.flagged || !result.suggestion) {
      return;
    }
    var reason = document.createElement("p");
    reason.className = "jeg-reason";
    reason.textContent = result.reason;
    var suggestion = document.createElement("p");
    suggestion.className = "jeg-suggestion";
    suggestion.appendChild(document.createTextNode((hint.dataset.suggestionLabel || "Forslag") + ": "));
    var quote = document.createElement("q");
    quote.textContent = result.suggestion;
    suggestion.appendChild(quote);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button small";
    button.textContent = hint.dataset.applyLabel || "Brug denne formulering";
    button.addEventListener("click", function () {
      apply(field, result.suggestion);
    });
    hint.appendChild(reason);
    hint.appendChild(suggestion);
    hint.appendChild(button);
  }

  function check(form, field) {
    var text = field.value;
    if (field.dataset.jegformChecked === text) {
      return;
    }
    field.dataset.jegformChecked = text;
    var token = form.querySelector('input[name="csrf_token"]');
    fetch(form.dataset.jegformUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": token ? token.value : ""
      },
      body: JSON.stringify({ text: text })
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (result && field.value === text) {
        render(field, result);
      }
    }).catch(function () { /* the hint is a help, never a blocker */ });
  }

  function watch(form, field) {
    var timer = null;
    field.dataset.jegformChecked = field.value;
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { check(form, field); }, DELAY);
    });
  }

  document.querySelectorAll("form[data-jegform-url]").forEach(function (form) {
    form.querySelectorAll("[data-jegform]").forEach(function (field) {
      watch(form, field);
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-jegform-apply]");
      if (!button) {
        return;
      }
      var field = document.getElementById(button.dataset.jegformApply);
      if (field) {
        event.preventDefault();
        apply(field, button.value);
      }
    });
  });
})();

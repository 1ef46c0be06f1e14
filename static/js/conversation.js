/* Samtale: saves the answer on the question screen while it is typed, so that
   nothing is lost when the page is closed, the battery dies or the session ends.

   - 2 seconds after the last change, and at least every 5 seconds while typing
     goes on, the answer is sent as JSON to the form's data-autosave-url with the
     CSRF token from <meta name="csrf-token"> in the X-CSRFToken header.
   - When the page is left (pagehide, or the tab is hidden) an unsaved change is
     sent with fetch(..., {keepalive: true}).
   - Every save carries a revision that only grows on this page: the server's clock
     when the page was made plus the time since (performance.now), so a device with
     a wrong clock cannot make its saves look newer or older than the server's. The
     server refuses a save older than the one it has.
   - When the session has ended (401), the text stays in the field, nothing is kept
     in the browser's storage (a shared laptop), and the login link is shown.
   Without this script the page still works: the answer is saved when the form is sent.
*/
(function () {
  "use strict";

  var DEBOUNCE_MS = 2000;
  var MAX_WAIT_MS = 5000;
  var RETRY_MS = 5000;

  var form = document.getElementById("answer-form");
  if (!form || !window.fetch) {
    return;
  }
  var texts = form.dataset;
  var statusLine = document.getElementById("save-status");
  var loginLine = document.getElementById("save-login");
  var revisionInput = form.querySelector("input[name=revision]");
  var tokenMeta = document.querySelector("meta[name=csrf-token]");
  var token = tokenMeta ? tokenMeta.getAttribute("content") : "";
  var base = parseInt(texts.revisionBase, 10) || Date.now();
  var listType = texts.questionType === "multi_choice" || texts.questionType === "life_area";

  var lastRevision = 0;
  var savedAt = texts.savedAt || "";
  var dirty = false;
  var firstChange = 0;
  var timer = null;
  var inFlight = false;
  var submitting = false;
  var loggedOut = false;

  function nextRevision() {
    lastRevision = Math.max(base + Math.floor(performance.now()), lastRevision + 1);
    return lastRevision;
  }

  function say(text) {
    statusLine.textContent = text;
  }

  function fill(template, key, value) {
    return template.replace("{" + key + "}", value);
  }

  function answerValue() {
    var fields = form.querySelectorAll("[name=answer]");
    if (listType) {
      return Array.prototype.filter.call(fields, function (field) {
        return field.checked;
      }).map(function (field) {
        return field.value;
      });
    }
    if (fields.length === 1 && fields[0].type !== "radio") {
      return fields[0].value;
    }
    var chosen = form.querySelector("[name=answer]:checked");
    return chosen ? chosen.value : "";
  }

  function collect() {
    var writer = form.querySelector("input[name=written_by]:checked");
    return { value: answerValue(), written_by: writer ? writer.value : "" };
  }

  function schedule(wait) {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      save(false);
    }, wait);
  }

  function changed() {
    if (submitting || loggedOut) {
      return;
    }
    var now = Date.now();
    dirty = true;
    firstChange = firstChange || now;
    schedule(Math.max(0, Math.min(DEBOUNCE_MS, firstChange + MAX_WAIT_MS - now)));
  }

  function showLoggedOut() {
    say(savedAt ? fill(texts.textLoggedOut, "time", savedAt) : texts.textLoggedOutNothing);
    loginLine.hidden = false;
  }

  function answered(status, reply) {
    if (status === 200 && reply.saved) {
      savedAt = reply.saved_at || savedAt;
      say(fill(texts.textSaved, "time", savedAt));
    } else if (status === 401) {
      loggedOut = true;
      dirty = true;
      showLoggedOut();
    } else if (reply.error && status < 500) {
      say(fill(texts.textFailed, "error", reply.error));
    } else {
      failed();
    }
  }

  function failed() {
    dirty = true;
    say(texts.textOffline);
    schedule(RETRY_MS);
  }

  function save(leaving) {
    if (!dirty || submitting || loggedOut) {
      return;
    }
    if (inFlight && !leaving) {
      schedule(500);
      return;
    }
    var body = collect();
    body.revision = nextRevision();
    dirty = false;
    firstChange = 0;
    inFlight = true;
    if (!leaving) {
      say(texts.textSaving);
    }
    fetch(texts.autosaveUrl, {
      method: "POST",
      credentials: "same-origin",
      keepalive: leaving,
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": token
      },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () {
        return {};
      }).then(function (reply) {
        inFlight = false;
        answered(response.status, reply);
      });
    }, function () {
      inFlight = false;
      if (!leaving) {
        failed();
      }
    });
  }

  function leave() {
    if (dirty && !submitting && !loggedOut) {
      window.clearTimeout(timer);
      save(true);
    }
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  form.addEventListener("submit", function (event) {
    if (loggedOut) {
      event.preventDefault();
      showLoggedOut();
      loginLine.querySelector("a").focus();
      return;
    }
    submitting = true;
    window.clearTimeout(timer);
    revisionInput.value = String(nextRevision());
  });

  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      leave();
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      window.location.reload();
    }
  });
}());

/* Samtale: "Læs op" reads a question (its text and its choices) or the resident's plan
   aloud with the browser's own speech synthesis (window.speechSynthesis). No network
   service: the voices are the ones the system has.

   Markup (templates/_readaloud.html):
     <div class="read-aloud" data-read-for="id1 id2" hidden>
       <button data-read-start>Læs op</button> <button data-read-stop hidden>Stop</button>
     </div>
   The group stays hidden when the browser has no speech synthesis.

   What is read: in each target element, in order, every block (headings, paragraphs,
   list items, labels, legends, table cells) with its own words, one utterance each, so
   the voice pauses between them. Buttons, form fields, visually hidden text and
   anything inside [data-read-skip] are not read.

   Language: the nearest lang attribute ("da" → "da-DK", "en" → "en"); the voice is one
   whose lang starts with the same two letters, when the system has one. */
(function () {
  "use strict";

  var synth = window.speechSynthesis;
  var groups = document.querySelectorAll("[data-read-for]");
  if (!groups.length || !synth || !window.SpeechSynthesisUtterance) {
    return;
  }

  var BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, legend, label, caption, th, td, figcaption";
  var SKIP = "[data-read-skip], button, input, select, textarea, .visually-hidden, " +
    ".wish-consent-form, [hidden]";
  var LANGS = { da: "da-DK", en: "en" };
  var active = null; // the group whose reading is going on

  function ownWords(block) {
    var copy = block.cloneNode(true);
    copy.querySelectorAll(BLOCKS + ", " + SKIP).forEach(function (inner) {
      inner.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function langOf(element) {
    var holder = element.closest("[lang]");
    var code = (holder ? holder.getAttribute("lang") : "da").slice(0, 2).toLowerCase();
    return LANGS[code] || code;
  }

  function partsOf(target) {
    var parts = [];
    target.querySelectorAll(BLOCKS).forEach(function (block) {
      if (block.closest(SKIP)) {
        return;
      }
      var words = ownWords(block);
      if (words) {
        parts.push({ text: words, lang: langOf(block) });
      }
    });
    return parts;
  }

  function voiceFor(lang) {
    var prefix = lang.slice(0, 2).toLowerCase();
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i += 1) {
      if ((voices[i].lang || "").toLowerCase().replace("_", "-").indexOf(prefix) === 0) {
        return voices[i];
      }
    }
    return null;
  }

  function show(group, speaking) {
    var start = group.querySelector("[data-read-start]");
    var stop = group.querySelector("[data-read-stop]");
    var hadFocus = document.activeElement;
    stop.hidden = !speaking;
    if (!speaking && hadFocus === stop) {
      start.focus();
    }
  }

  function finish(group) {
    if (active === group) {
      active = null;
    }
    show(group, false);
  }

  function utterance(part, group, last) {
    var spoken = new window.SpeechSynthesisUtterance(part.text);
    var voice = voiceFor(part.lang);
    spoken.lang = part.lang;
    if (voice) {
      spoken.voice = voice;
    }
    if (last) {
      spoken.onend = function () {
        finish(group);
      };
    }
    spoken.onerror = function () {
      finish(group);
    };
    return spoken;
  }

  function read(group) {
    var parts = [];
    group.getAttribute("data-read-for").split(/\s+/).forEach(function (id) {
      var target = id && document.getElementById(id);
      if (target) {
        parts = parts.concat(partsOf(target));
      }
    });
    stopAll();
    if (!parts.length) {
      return;
    }
    active = group;
    show(group, true);
    parts.forEach(function (part, index) {
      synth.speak(utterance(part, group, index === parts.length - 1));
    });
  }

  function stopAll() {
    var was = active;
    active = null;
    synth.cancel();
    if (was) {
      show(was, false);
    }
  }

  groups.forEach(function (group) {
    group.hidden = false;
    group.querySelector("[data-read-start]").addEventListener("click", function () {
      read(group);
    });
    group.querySelector("[data-read-stop]").addEventListener("click", stopAll);
  });
  synth.getVoices(); // some browsers load the voices on first request
  window.addEventListener("pagehide", function () {
    synth.cancel();
  });
}());

// The question page, enhanced: each change is saved in the background, and a timed attempt
// counts down. Without this file every button still saves (they are buttons of the form) and
// the time left is printed by the server.
(function () {
  "use strict";

  const form = document.getElementById("answer-form");
  const status = document.getElementById("save-status");
  const timer = document.getElementById("timer");
  const TYPING_PAUSE_MS = 1200;
  const WARNINGS = [300, 60]; // seconds left when a warning is announced

  function say(region, text, link) {
    if (!region) return;
    region.textContent = "";
    // A fresh text in the next frame, so the same words ("Saved") are announced again.
    requestAnimationFrame(function () {
      region.textContent = text;
      if (link) {
        const a = document.createElement("a");
        a.href = link;
        a.textContent = "See your result";
        region.append(" ", a);
      }
    });
  }

  // --- background saves ------------------------------------------------------------------
  let inFlight = null;
  let again = false;
  let typing = null;

  function showAnswered(count) {
    const bar = document.querySelector(".progress progress");
    const text = document.getElementById("progress-text");
    if (bar) bar.value = count;
    if (text && text.firstChild && text.firstChild.nodeType === Node.TEXT_NODE) {
      text.firstChild.textContent = text.firstChild.textContent.replace(/^\d+/, String(count));
    }
  }

  // The current question's number button and the Skip/Next button follow its saved state.
  function markThis(answered) {
    const position = form.elements.position.value;
    const number = document.querySelector('.question-numbers button[value="' + position + '"]');
    if (number) number.classList.toggle("is-answered", answered);
    const next = document.getElementById("go-next");
    if (next) next.textContent = answered ? next.dataset.answeredLabel : next.dataset.blankLabel;
  }

  async function answerTo(response) {
    const type = response.headers.get("Content-Type") || "";
    const data = type.includes("json") ? await response.json() : {};
    if (response.ok) {
      form.elements.version.value = data.version;
      if (data.saved) say(status, "Saved");
      if (typeof data.answered === "number") showAnswered(data.answered);
      if (typeof data.this_answered === "boolean") markThis(data.this_answered);
      if (typeof data.remaining === "number") countdown.sync(data.remaining);
    } else if (data.error) {
      say(status, "Not saved: " + data.error, data.result);
    } else {
      say(status, "Not saved. Use “Save answer” to try again.");
    }
  }

  function save() {
    if (inFlight) {
      again = true; // one more save once this one is answered, with the newest version
      return inFlight;
    }
    const body = new FormData(form);
    inFlight = fetch(form.dataset.saveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": body.get("csrf_token"), Accept: "application/json" },
    })
      .then(answerTo)
      .catch(function () {
        say(status, "Not saved: no connection. Your answer is still on this page.");
      })
      .finally(function () {
        inFlight = null;
        if (again) {
          again = false;
          save();
        }
      });
    return inFlight;
  }

  if (form && form.dataset.saveUrl) {
    form.addEventListener("change", function () {
      clearTimeout(typing);
      save();
    });
    form.addEventListener("input", function (event) {
      if (event.target.tagName !== "INPUT" || event.target.type !== "text") return;
      clearTimeout(typing);
      typing = setTimeout(save, TYPING_PAUSE_MS);
    });
    // A button pressed while a save is on its way waits for it: the form then carries the
    // version that save produced, and is not refused as stale.
    form.addEventListener("submit", function (event) {
      clearTimeout(typing);
      if (!inFlight) return;
      event.preventDefault();
      const submitter = event.submitter;
      inFlight.then(function () {
        form.requestSubmit(submitter);
      });
    });
  }

  // --- countdown -----------------------------------------------------------------------------
  const countdown = (function () {
    if (!timer) return { sync: function () {} };
    const shown = timer.querySelector(".time-left");
    const alert = document.getElementById("timer-alert");
    let endsAt = 0;
    let ended = false;
    const warned = new Set();

    function sync(seconds) {
      endsAt = performance.now() + seconds * 1000;
    }

    function tick() {
      const left = Math.max(0, Math.ceil((endsAt - performance.now()) / 1000));
      const minutes = Math.floor(left / 60);
      const seconds = String(left % 60).padStart(2, "0");
      shown.textContent = minutes + ":" + seconds;
      WARNINGS.forEach(function (mark) {
        if (left <= mark && !warned.has(mark)) {
          warned.add(mark);
          say(alert, mark / 60 + (mark === 60 ? " minute" : " minutes") + " left.");
        }
      });
      if (left === 0 && !ended) timeUp();
    }

    function timeUp() {
      ended = true;
      say(alert, "Time is up. Your saved answers are being submitted.");
      const last = form && form.dataset.saveUrl ? save() : Promise.resolve();
      const grace = (Number(timer.dataset.grace) + 1) * 1000;
      last.finally(function () {
        setTimeout(function () {
          window.location.assign(timer.dataset.page);
        }, grace);
      });
    }

    const atLoad = Number(timer.dataset.remaining);
    sync(atLoad);
    WARNINGS.forEach(function (mark) {
      if (atLoad <= mark) warned.add(mark); // the page already says so: no warning for it
    });
    tick();
    setInterval(tick, 1000);
    return { sync: sync };
  })();
})();

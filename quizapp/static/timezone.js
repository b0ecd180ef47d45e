/* Time zone guess: for a logged-in user who has not chosen a time zone, send the browser's
   zone once, so times are shown in local time from the next page on. The page includes this
   file only for such users; without JavaScript the school's zone applies until the user picks
   one on the account page. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !window.Intl) { return; }
  var key = "quizapp-timezone-guess-sent";
  try {
    if (window.sessionStorage.getItem(key)) { return; }
    window.sessionStorage.setItem(key, "1");
  } catch (e) { /* storage refused: send it anyway, the server keeps the first zone only */ }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) { return; }
  var body = new URLSearchParams();
  body.set("timezone", zone);
  body.set("csrf_token", script.dataset.csrf);
  fetch(script.dataset.url, {
    method: "POST",
    body: body,
    credentials: "same-origin",
    headers: { "X-CSRFToken": script.dataset.csrf },
  }).catch(function () { /* offline or refused: times stay in the school's zone */ });
}());

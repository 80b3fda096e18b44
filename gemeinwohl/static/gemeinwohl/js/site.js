// Small enhancements only; every page works without JavaScript.
(function () {
  "use strict";

  // Move focus to the error summary after a rejected form, so that screen
  // readers announce what went wrong first.
  function focusErrors(root) {
    var summary = root.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrors(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrors(event.target);
  });
})();

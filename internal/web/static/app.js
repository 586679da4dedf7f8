// fazhi: small progressive enhancements; no inline script anywhere (CSP).
(function () {
  "use strict";
  // Send the session's CSRF token with every htmx request.
  document.addEventListener("htmx:configRequest", function (e) {
    var m = document.querySelector('meta[name="csrf-token"]');
    if (m) { e.detail.headers["X-CSRF-Token"] = m.content; }
  });
  // Buttons with data-confirm ask before submitting their form.
  document.addEventListener("click", function (e) {
    var b = e.target.closest("[data-confirm]");
    if (b && !window.confirm(b.getAttribute("data-confirm"))) { e.preventDefault(); }
  });
})();

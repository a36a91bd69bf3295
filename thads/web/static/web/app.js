// Small progressive enhancements; no inline scripts (Content-Security-Policy: script-src 'self').
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-autosubmit]")) {
    const button = form.querySelector("button[type=submit]");
    if (button) button.classList.add("visually-hidden");
    for (const select of form.querySelectorAll("select")) {
      select.addEventListener("change", () => form.submit());
    }
  }
  // htmx: send the CSRF token with every request.
  document.body.addEventListener("htmx:configRequest", (event) => {
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) event.detail.headers["X-CSRFToken"] = token.value;
  });
});

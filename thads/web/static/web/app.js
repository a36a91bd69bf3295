// Small progressive enhancements; no inline scripts (Content-Security-Policy: script-src 'self').
(function () {
  "use strict";

  // Dates typed and picked as dd/mm/yyyy whatever the browser's locale (flatpickr, Vietnamese
  // locale on the Vietnamese screens); the field stays a plain text input the server parses.
  function datePickers(root) {
    if (!window.flatpickr) return;
    var vietnamese = document.documentElement.lang === "vi";
    var locale = vietnamese && window.flatpickr.l10ns && window.flatpickr.l10ns.vn;
    root.querySelectorAll("input[data-datepicker]").forEach(function (input) {
      if (input._flatpickr) return;
      var options = { dateFormat: "d/m/Y", allowInput: true, disableMobile: true };
      if (locale) options.locale = Object.assign({}, locale, { firstDayOfWeek: 1 });
      else options.locale = { firstDayOfWeek: 1 };
      window.flatpickr(input, options);
    });
  }

  // Month pickers name the months of the chosen report year ("Tháng 12/2026"): when the year
  // changes, the labels follow (month k of year N is calendar month k+9 of N−1, then of N).
  function reportMonths(root) {
    root.querySelectorAll("select[data-report-months]").forEach(function (select) {
      var yearInput = document.getElementById(select.dataset.reportMonths);
      var pattern = select.dataset.monthPattern || "{m}/{y}";
      if (!yearInput) return;
      var relabel = function () {
        var year = parseInt(yearInput.value, 10);
        if (!(year > 1999 && year < 2201)) return;
        Array.prototype.forEach.call(select.options, function (option) {
          var k = parseInt(option.value, 10);
          if (!k) return;
          var month = ((k + 8) % 12) + 1;
          var calendarYear = month >= 10 ? year - 1 : year;
          option.textContent = pattern.replace("{m}", month).replace("{y}", calendarYear);
        });
      };
      yearInput.addEventListener("input", relabel);
    });
  }

  function autosubmit(root) {
    root.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      var button = form.querySelector("button[type=submit]");
      if (button) button.classList.add("visually-hidden");
      form.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () { form.submit(); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    autosubmit(document);
    datePickers(document);
    reportMonths(document);
    // htmx: send the CSRF token with every request; enhance the fragments it brings.
    document.body.addEventListener("htmx:configRequest", function (event) {
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) event.detail.headers["X-CSRFToken"] = token.value;
    });
    document.body.addEventListener("htmx:afterSwap", function (event) {
      datePickers(event.detail.target);
      reportMonths(event.detail.target);
    });
  });

  // Print buttons and links (no inline handlers under the CSP).
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-print]");
    if (trigger) { event.preventDefault(); window.print(); }
  });
})();

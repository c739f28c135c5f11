// Commune picker, progressive enhancement: matches appear while typing (accents optional).
// Without this script the "Find" button sends the form and the page lists the matches.
(function () {
  document.querySelectorAll("[data-commune-picker]").forEach(function (picker) {
    var input = picker.querySelector("[data-commune-query]");
    var results = picker.querySelector("[data-commune-results]");
    var timer = null;
    var last = input.value;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = input.value.trim();
        if (text === last || text.length < 2) return;
        last = text;
        fetch(picker.dataset.url + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : ""; })
          .then(function (html) { if (input.value.trim() === text) results.innerHTML = html; });
      }, 250);
    });
    // Enter in the search box searches instead of sending the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); last = ""; input.dispatchEvent(new Event("input")); }
    });
  });
})();

// Sign-up, progressive enhancement: the guardian's fields show only for a learner under 16,
// the agency only for staff. Without this script every field stays visible.
(function () {
  var form = document.querySelector("[data-signup]");
  if (!form) return;
  var consentAge = Number(form.dataset.consentAge);
  var thisYear = Number(form.dataset.thisYear);
  var birthYear = form.querySelector("[name=birth_year]");
  var guardian = ["field-guardian_name", "field-guardian_consent"].map(function (id) { return document.getElementById(id); });
  var agency = document.getElementById("field-agency");
  function update() {
    var year = Number(birthYear.value);
    var child = year > 1900 && thisYear - year < consentAge;
    guardian.forEach(function (field) { if (field) field.hidden = !child; });
    var audience = form.querySelector("[name=audience]:checked");
    if (agency) agency.hidden = !audience || audience.value === "community";
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();

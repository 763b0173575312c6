// Conveniences only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Filters apply as soon as a choice changes.
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit(); });
  });
  // Progress follows the status where only one value makes sense.
  var status = document.getElementById("f-status"), progress = document.getElementById("f-progress");
  if (status && progress) {
    status.addEventListener("change", function () {
      if (status.value === "done") progress.value = 100;
      if (status.value === "not_started") progress.value = 0;
    });
  }
});

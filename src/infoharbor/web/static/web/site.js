// Every page: the language menu switches as soon as a language is chosen (a button without JS),
// and a destructive action asks first: a form with data-confirm="question" submits only when
// confirmed.
document.addEventListener("DOMContentLoaded", function () {
  const select = document.getElementById("language-select");
  if (select) select.addEventListener("change", function () { select.form.submit(); });
});
document.addEventListener("submit", function (event) {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

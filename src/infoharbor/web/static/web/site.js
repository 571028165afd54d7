// Every page: the language menu switches as soon as a language is chosen (a button without JS).
document.addEventListener("DOMContentLoaded", function () {
  const select = document.getElementById("language-select");
  if (select) select.addEventListener("change", function () { select.form.submit(); });
});

// Row editors: saving with rows ticked "Delete" asks first (the question is the form's
// data-confirm-delete, in the page's language).
document.addEventListener("submit", function (event) {
  const form = event.target;
  const question = form.dataset && form.dataset.confirmDelete;
  if (!question || !form.querySelector('input[name$="-DELETE"]:checked')) return;
  if (!window.confirm(question)) event.preventDefault();
});

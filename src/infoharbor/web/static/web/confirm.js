// A form with data-confirm asks its question (in the page's language) before it is sent, for
// the forms that act in place (the protocol office's row buttons); the pages that delete for
// good ask on a confirmation page of their own (core/confirm.py), which needs no script.
document.addEventListener("submit", function (event) {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// Every page: a destructive action asks first: a form with data-confirm="question" submits only
// when confirmed.
document.addEventListener("submit", function (event) {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

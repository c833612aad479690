// Disable a form's submit button once it is sent, so a double click sends one request.
document.querySelectorAll("form button[data-once]").forEach(function (button) {
  button.form.addEventListener("submit", function () {
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
});

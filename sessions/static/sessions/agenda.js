// Starring sessions without a page reload. Without JavaScript the forms post
// and redirect back, so this only smooths the same flow.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("[data-star-form]");
  if (!form) return;
  event.preventDefault();
  const button = form.querySelector("button");
  const action = form.querySelector('input[name="action"]');
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) { form.submit(); return; }
    const data = await response.json();
    action.value = data.starred ? "unstar" : "star";
    button.setAttribute("aria-pressed", data.starred ? "true" : "false");
    button.querySelector("[data-star-icon]").textContent = data.starred ? "★" : "☆";
    button.querySelector("[data-star-label]").textContent = data.starred ? button.dataset.labelOn : button.dataset.labelOff;
  } catch (error) {
    form.submit();
  } finally {
    button.disabled = false;
  }
});

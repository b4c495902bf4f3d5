// A view that is planned but not built yet: says so instead of a blank page.

export function mount(root, _params, app) {
  root.innerHTML = `
    <section class="placeholder">
      <h2></h2>
      <p>This view is on its way. Meanwhile, the optimizer race is ready.</p>
      <p><a href="#race">Go to the optimizer race</a></p>
    </section>`;
  root.querySelector("h2").textContent = app.title;
  app.frameDrawn();
  return { unmount() {} };
}

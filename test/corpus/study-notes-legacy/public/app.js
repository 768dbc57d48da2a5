// Browser script: calls our own API routes.
async function summarize(text) {
  const res = await fetch("/api/summary", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text }),
  });
  return (await res.json()).summary;
}

document.addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = e.target.querySelector("textarea").value;
  document.querySelector("#out").textContent = await summarize(text);
});

// rasd: small progressive enhancements. The pages work without this file; it only
// highlights things. Loaded from our own origin (the CSP allows no inline script), and it
// never inserts markup: it toggles classes on elements that are already there.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Article: following an event's link flashes its trigger in the text (and back).
  const flash = (id) => {
    const el = document.getElementById(id);
    if (!el) return;
    el.classList.add("flash");
    setTimeout(() => el.classList.remove("flash"), 1600);
  };
  document.querySelectorAll('a[href^="#t-ev-"], a[href^="#ev-"]').forEach((a) => {
    a.addEventListener("click", () => flash(a.getAttribute("href").slice(1)));
  });
  // Relations: hovering an actor dims the links that do not touch it.
  const graph = document.querySelector("svg.graph");
  if (graph) {
    const edges = Array.from(graph.querySelectorAll(".edge"));
    graph.querySelectorAll(".node").forEach((node) => {
      const key = node.getAttribute("data-key");
      node.addEventListener("mouseenter", () => {
        graph.classList.add("dim");
        edges.forEach((e) => {
          const on = e.getAttribute("data-source") === key || e.getAttribute("data-target") === key;
          e.classList.toggle("on", on);
        });
      });
      node.addEventListener("mouseleave", () => {
        graph.classList.remove("dim");
        edges.forEach((e) => e.classList.remove("on"));
      });
    });
  }
});

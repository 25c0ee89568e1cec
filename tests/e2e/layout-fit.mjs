// Measures what a person sees: whether elements lie wholly inside the window and inside
// every scrolling or clipping box around them (a card scrolled out of its panel is not
// seen, even if its coordinates are on screen).

/**
 * For each element of `locator`: its box and whether all of it is in view.
 * @returns {Promise<{name: string, box: number[], visible: boolean}[]>}
 */
export async function visibility(locator) {
  return locator.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const inside = (o) => r.left >= o.left - 0.5 && r.top >= o.top - 0.5 && r.right <= o.right + 0.5 && r.bottom <= o.bottom + 0.5;
      let visible = r.width > 0 && r.height > 0 && inside({ left: 0, top: 0, right: innerWidth, bottom: innerHeight });
      for (let a = el.parentElement; a && visible; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') visible = inside(a.getBoundingClientRect());
      }
      const name = el.dataset.node || el.dataset.pod || el.dataset.testid || el.tagName;
      return { name, box: [r.left, r.top, r.width, r.height].map(Math.round), visible };
    }),
  );
}

/** Names of the elements of `locator` that are not wholly in view. */
export async function notInView(locator) {
  return (await visibility(locator)).filter((v) => !v.visible).map((v) => `${v.name} at ${v.box.join(',')}`);
}

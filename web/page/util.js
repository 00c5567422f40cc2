// Small helpers shared by the page's modules: finding and making elements, English words for
// counts and lists, file names, and timing.

export const $ = (id) => document.getElementById(id);

export const decoder = new TextDecoder("utf-8");
export const encoder = new TextEncoder();

// "1 learner", "1,234 learners".
export const plural = (n, one, many = one + "s") => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

// "a", "a and b", "a, b and c".
export function listWords(words) {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

// An element: attributes ("class", "text", dataName for data-name, onclick for a listener,
// the rest as they are; false, null and undefined left out) and children (nodes or text).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (/^data[A-Z]/.test(key)) {
      node.dataset[key[4].toLowerCase() + key.slice(5)] = value;
    } else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export function baseName(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}

// A file's name without its folder, extension or sheet ("results.xlsx[Sheet1]" is "results").
export function stem(name) {
  const base = baseName(name).replace(/\[.*\]$/, "");
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

// fn, called once calls have stopped for ms; flush() calls it now.
export function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.flush = (...args) => {
    clearTimeout(timer);
    fn(...args);
  };
  return wrapped;
}

// Lets the browser draw (the busy state) before a long synchronous call into the library.
export function paint() {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, 100);
  });
}

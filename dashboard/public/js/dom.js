// Builds elements from text only, so nothing a service returns is ever parsed as HTML.

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') element.className = value;
    else if (name.startsWith('data-')) element.setAttribute(name, value);
    else element[name] = value;
  }
  element.append(...children.filter((child) => child !== null && child !== undefined).map(toNode));
  return element;
}

function toNode(child) {
  return child instanceof Node ? child : document.createTextNode(String(child));
}

export function showError(box, message) {
  box.textContent = message ?? '';
  box.hidden = !message;
}

export function time(date = new Date()) {
  return date.toLocaleTimeString([], { hour12: false });
}

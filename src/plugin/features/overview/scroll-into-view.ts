// A stable callback ref for the focused row: scrolls it to the middle of the viewport when it mounts, and once more
// after the sections above it have had time to load and change the layout.
const SETTLE_MS = 400;

export const scrollIntoViewRef = (element: HTMLElement | null): void => {
  if (!element) return;
  const scroll = () => {
    if (element.isConnected) element.scrollIntoView({ block: 'center', behavior: 'auto' });
  };
  scroll();
  window.setTimeout(scroll, SETTLE_MS);
};

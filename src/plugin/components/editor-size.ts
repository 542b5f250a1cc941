// Sizes of the YAML editors: they fill most of the viewport (as the console's YAML tab does) and never get
// shorter than a readable minimum on a small window.
export const TALL_EDITOR_MIN_HEIGHT = 'max(360px, calc(100vh - 22rem))';

import colors from 'tailwindcss/colors';
import headlessui from '@headlessui/tailwindcss';
import plugin from 'tailwindcss/plugin';

// Tremor 3 setup (its installation guide): Tremor's theme tokens, dark variants under
// `dark-tremor`, and a safelist so colours Tremor builds at runtime (bg-blue-500 ...) exist.
const shades = '50|100|200|300|400|500|600|700|800|900|950';
const palette =
  'slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose';

/**
 * Tremor's badges write colour-600 text on a 10% tint of the colour, its callouts colour-700: under
 * 4.5:1 in light (amber, blue, rose…) and far under it in dark, where the tint is dark. Badges
 * and callouts keep their colour and tint but take a darker shade of it in light and a light
 * shade in dark (axe colour-contrast, issue 16).
 */
const readableTints = plugin(({ addComponents }) => {
  const rules = {};
  for (const c of palette.split('|')) {
    const own = `.tremor-Badge-root.text-${c}-600, .tremor-Callout-root.text-${c}-700`;
    rules[own] = { color: colors[c][800] };
    rules[own.split(', ').map((s) => `.dark ${s}`).join(', ')] = { color: colors[c][300] };
  }
  addComponents(rules);
});

/** @type {import('tailwindcss').Config} */
export default {
  // 'class' so the app can follow prefers-color-scheme AND offer a manual toggle (src/app/theme.ts).
  darkMode: 'class',
  content: ['./index.html', './src/**/*.{js,ts,jsx,tsx}', './node_modules/@tremor/**/*.{js,ts,jsx,tsx}'],
  theme: {
    transparent: 'transparent',
    current: 'currentColor',
    extend: {
      colors: {
        tremor: {
          brand: {
            faint: colors.blue[50],
            muted: colors.blue[200],
            subtle: colors.blue[400],
            // 600/800, not Tremor's 500/700: brand text and white on brand reach 4.5:1.
            DEFAULT: colors.blue[600],
            emphasis: colors.blue[800],
            inverted: colors.white,
          },
          background: {
            muted: colors.gray[50],
            subtle: colors.gray[100],
            DEFAULT: colors.white,
            emphasis: colors.gray[700],
          },
          border: { DEFAULT: colors.gray[200] },
          ring: { DEFAULT: colors.gray[200] },
          // Secondary text at ≥ 4.5:1 on every card and tint (gray-500 was 4.4:1 on gray-100).
          content: {
            subtle: colors.gray[500],
            DEFAULT: colors.gray[600],
            emphasis: colors.gray[700],
            strong: colors.gray[900],
            inverted: colors.white,
          },
        },
        'dark-tremor': {
          brand: {
            faint: '#0B1229',
            muted: colors.blue[950],
            subtle: colors.blue[800],
            // 400/300, not 500/400: brand text reaches 4.5:1 on the dark cards.
            DEFAULT: colors.blue[400],
            emphasis: colors.blue[300],
            inverted: colors.blue[950],
          },
          background: {
            muted: '#131A2B',
            subtle: colors.gray[800],
            DEFAULT: colors.gray[900],
            emphasis: colors.gray[300],
          },
          border: { DEFAULT: colors.gray[800] },
          ring: { DEFAULT: colors.gray[800] },
          // Secondary text was gray-500 on gray-900, 3.6:1; now ≥ 4.5:1 on every dark surface.
          content: {
            subtle: '#8b95a5',
            DEFAULT: colors.gray[400],
            emphasis: colors.gray[200],
            strong: colors.gray[50],
            inverted: colors.gray[950],
          },
        },
      },
      boxShadow: {
        'tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
        'dark-tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'dark-tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'dark-tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
      },
      borderRadius: {
        'tremor-small': '0.375rem',
        'tremor-default': '0.5rem',
        'tremor-full': '9999px',
      },
      fontSize: {
        'tremor-label': ['0.75rem', { lineHeight: '1rem' }],
        'tremor-default': ['0.875rem', { lineHeight: '1.25rem' }],
        'tremor-title': ['1.125rem', { lineHeight: '1.75rem' }],
        'tremor-metric': ['1.875rem', { lineHeight: '2.25rem' }],
      },
    },
  },
  safelist: [
    {
      pattern: new RegExp(`^(bg-(?:${palette})-(?:${shades}))$`),
      variants: ['hover', 'ui-selected'],
    },
    {
      pattern: new RegExp(`^(text-(?:${palette})-(?:${shades}))$`),
      variants: ['hover', 'ui-selected'],
    },
    {
      pattern: new RegExp(`^(border-(?:${palette})-(?:${shades}))$`),
      variants: ['hover', 'ui-selected'],
    },
    { pattern: new RegExp(`^(ring-(?:${palette})-(?:${shades}))$`) },
    { pattern: new RegExp(`^(stroke-(?:${palette})-(?:${shades}))$`) },
    { pattern: new RegExp(`^(fill-(?:${palette})-(?:${shades}))$`) },
  ],
  plugins: [headlessui, readableTints],
};

// Tremor's BarChart (with recharts and its d3 parts, most of Tremor's weight) as a module of its
// own, so it is a separate chunk fetched when the first chart renders: see BarChart.tsx.
export { BarChart as default } from '@tremor/react';

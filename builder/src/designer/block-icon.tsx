// The palette's and outline's icons: one small inline SVG per registry icon key (stroke drawings in the
// style of Tabler icons), and a plain square for a key this file does not know yet.

const PATHS: Record<string, string> = {
  "layout-columns": "M4 4h16v16H4z M12 4v16",
  "building-store":
    "M3 21h18 M4 21V10 M20 21V10 M3 7l2-4h14l2 4 M3 7a3 3 0 0 0 6 0a3 3 0 0 0 6 0a3 3 0 0 0 6 0 M9 21v-6h6v6",
  search: "M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12z M15 15l5 5",
  speakerphone: "M18 8a3 3 0 0 1 0 6 M10 8v11a1 1 0 0 1-2 0v-5 M12 8l5-4v16l-5-4H5a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z",
  slideshow: "M4 5h16v11H4z M8 20h.01 M12 20h.01 M16 20h.01 M8 13l3-3l3 3l2-2l2 2",
  apps: "M4 4h6v6H4z M14 4h6v6h-6z M4 14h6v6H4z M14 17h6 M17 14v6",
  heading: "M7 12h10 M7 5v14 M17 5v14 M15 19h4 M15 5h4 M5 19h4 M5 5h4",
  "align-left": "M4 6h16 M4 12h10 M4 18h14",
  photo: "M4 5h16v14H4z M15 8h.01 M4 15l4-4l5 5 M13 14l2-2l5 5",
  "layout-grid": "M4 4h7v16H4z M13 4h7v7h-7z M13 13h7v7h-7z",
  click: "M3 12h3 M12 3v3 M7.8 7.8L5.6 5.6 M16.2 7.8l2.2-2.2 M7.8 16.2l-2.2 2.2 M12 12l9 3l-4 2l-2 4z",
  movie: "M4 4h16v16H4z M8 4v16 M16 4v16 M4 8h4 M4 16h4 M4 12h16 M16 8h4 M16 16h4",
  category: "M4 4h6v6H4z M14 4h6v6h-6z M4 14h6v6H4z M17 14a3 3 0 1 0 0 6a3 3 0 1 0 0-6z",
  grid: "M4 4h7v7H4z M13 4h7v7h-7z M4 13h7v7H4z M13 13h7v7h-7z",
  "arrows-horizontal": "M7 8l-4 4l4 4 M17 8l4 4l-4 4 M3 12h18",
  space: "M4 10v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3",
  separator: "M3 12h2 M9 12h6 M19 12h2",
  // The tab bar's icons (the theme dialog's choices).
  home: "M5 12H3l9-9l9 9h-2 M5 12v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7 M9 21v-6a2 2 0 0 1 2-2h2a2 2 0 0 1 2 2v6",
  cart: "M6 19a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M15 19a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M17 17H6V3H4 M6 5l14 1l-1 7H6",
  user: "M8 7a4 4 0 1 0 8 0a4 4 0 1 0-8 0 M6 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2",
  star: "M12 17.75l-6.17 3.24l1.18-6.87l-5-4.86l6.9-1l3.09-6.26l3.09 6.26l6.9 1l-5 4.86l1.18 6.87z",
  gift: "M3 8h18v4H3z M12 8v13 M19 12v7a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-7 M7.5 8a2.5 2.5 0 0 1 0-5A4.8 8 0 0 1 12 8a4.8 8 0 0 1 4.5-5a2.5 2.5 0 0 1 0 5",
  heart: "M19.5 12.57L12 20l-7.5-7.43A5 5 0 1 1 12 6.01a5 5 0 1 1 7.5 6.57",
};

export function BlockIcon({ icon, size = 20 }: { icon: string; size?: number }) {
  const d = PATHS[icon] ?? "M5 5h14v14H5z";
  return (
    <svg
      className="dz-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      <path d={d} />
    </svg>
  );
}

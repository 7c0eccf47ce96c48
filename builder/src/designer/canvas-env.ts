// What the canvas renders blocks against besides the document: the hydrated data map, the theme (the
// store's, with the page's overrides merged in), the store's name and its tab bar (the draft). One stable object per change,
// so memoised block views re-render only when one of these really changes.
import {
  DEFAULT_THEME,
  type DisplayStore,
  EMPTY_PAGE_DATA,
  type TPageData,
  type TStoreTheme,
  type TTabBar,
} from "@mallwright/schema";
import { createContext, useContext } from "react";

export interface CanvasEnv {
  data: TPageData;
  theme: TStoreTheme;
  store?: DisplayStore;
  /** The store's tab bar, drawn under the page; `home`: this page is the home page (its tab is current). */
  tabBar?: { bar: TTabBar; home: boolean };
}

export const CanvasEnvContext = createContext<CanvasEnv>({ data: EMPTY_PAGE_DATA, theme: DEFAULT_THEME });

export function useCanvasEnv(): CanvasEnv {
  return useContext(CanvasEnvContext);
}

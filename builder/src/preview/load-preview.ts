// Loads a draft preview (GET /store/v1/preview/{token}) and checks what came back with the page
// contract's own schemas, so the views get typed blocks, data and theme (never a cast of the body).
import {
  type DisplayStore,
  type TBlockNode,
  type TPageData,
  type TStoreTheme,
  type TTabBar,
  type TThemeOverrides,
  ZBlockNode,
  ZPageData,
  ZStoreTheme,
  ZTabBar,
  ZThemeOverrides,
} from "@mallwright/schema";
import { call, store } from "../api/client.ts";

export interface Preview {
  title: string;
  revision: number;
  document: { blocks: TBlockNode[]; theme?: TThemeOverrides };
  data: TPageData;
  /** The store's theme as drafted (the page's overrides are merged over it by PageView). */
  theme: TStoreTheme;
  /** The store's tab bar as drafted. */
  tabBar: TTabBar;
  store: DisplayStore;
}

const ZBlocks = ZBlockNode.array();
const ZOverrides = ZThemeOverrides.optional();

export async function loadPreview(token: string): Promise<Preview> {
  const body = await call(store.preview[":token"].$get({ param: { token } }));
  const blocks = ZBlocks.parse(body.page.document.blocks);
  const overrides = ZOverrides.parse(body.page.document.theme);
  return {
    title: body.page.title,
    revision: body.page.revision,
    document: overrides ? { blocks, theme: overrides } : { blocks },
    data: ZPageData.parse(body.data),
    theme: ZStoreTheme.parse(body.store.theme),
    tabBar: ZTabBar.parse(body.store.tabBar),
    store: { name: body.store.name, logoUrl: body.store.logoUrl },
  };
}

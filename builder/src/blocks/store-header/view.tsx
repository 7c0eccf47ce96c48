// store-header: the store's logo and name over its background colour or picture, with a search box.
import type { storeHeader } from "@mallwright/schema/page/blocks/store-header";
import { Img, type ViewProps } from "../view-kit.tsx";

type Display = ReturnType<typeof storeHeader.display>;

export function StoreHeaderView({ display }: ViewProps<Display>) {
  return (
    <div
      className="mw-block mw-store-header"
      style={{
        backgroundColor: display.backgroundColor,
        backgroundImage: display.backgroundImage ? `url("${display.backgroundImage}")` : undefined,
        color: display.textColor,
      }}
    >
      <div className="mw-store-header-row">
        {display.logo ? (
          <Img src={display.logo} className="mw-store-logo" style={{ borderRadius: display.radius }} />
        ) : (
          <div className="mw-store-logo mw-store-logo-empty" style={{ borderRadius: display.radius }} aria-hidden>
            {display.name?.slice(0, 1) ?? ""}
          </div>
        )}
        {display.name && <div className="mw-store-name">{display.name}</div>}
      </div>
      {display.search && (
        <div className="mw-search-field mw-store-search" style={{ borderRadius: display.search.radius }}>
          <span className="mw-search-icon" aria-hidden />
          <span>{display.search.placeholder}</span>
        </div>
      )}
    </div>
  );
}

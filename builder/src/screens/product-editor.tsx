// The product editor (/products/new, /products/:id): title, subtitle, category, status, tags,
// gallery (from the media library or uploaded), rich-text details, spec dimensions and the SKU
// matrix with batch fill; prices typed in yuan and sent as fen; the API's 422 details shown at
// their fields; move to / restore from the recycle bin, delete forever.
import type { TMedia, TMediaRef, TProduct, TProductStatus } from "@mallwright/schema";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { call, merchant } from "../api/client.ts";
import { useSession } from "../shell/session.ts";
import { attempt, notify } from "../shell/toast.ts";
import { Failed, Field, Loading, PageHeader } from "../shell/ui.tsx";
import { useLoad } from "../shell/use-load.ts";
import { ConfirmDialog } from "./dialog.tsx";
import { type FieldErrors, fieldErrorsOf } from "./field-errors.ts";
import { formatTime } from "./format.ts";
import { MediaPicker } from "./media-picker.tsx";
import { CategoryOptions } from "./products-list.tsx";
import { RichTextEditor } from "./rich-text-editor.tsx";
import {
  addDimension,
  addValue,
  emptyRow,
  type FillField,
  fillRows,
  fromProduct,
  MAX_DIMENSIONS,
  MAX_VALUES,
  removeDimension,
  removeValue,
  renameDimension,
  renameValue,
  type SkuMatrix,
  setCell,
  toRequest,
} from "./sku-matrix.ts";
import { UploadList, useUploadQueue } from "./upload-queue.tsx";
import "./messages.ts";
import "./screens.css";

const MAX_IMAGES = 15;
const STATUSES: TProductStatus[] = ["draft", "on_shelf", "off_shelf"];

interface Form {
  title: string;
  subtitle: string;
  categoryId: string;
  status: TProductStatus;
  tags: string;
  detailHtml: string;
  images: TMediaRef[];
}

function formOf(p: TProduct | undefined): Form {
  return {
    title: p?.title ?? "",
    subtitle: p?.subtitle ?? "",
    categoryId: p?.categoryId ?? "",
    status: p?.status ?? "draft",
    tags: p?.tags.join(", ") ?? "",
    detailHtml: p?.detailHtml ?? "",
    images: p?.images ?? [],
  };
}

function refOf(m: TMedia): TMediaRef {
  return { id: m.id, url: m.variants.medium?.url ?? m.url, thumbUrl: m.variants.thumb?.url ?? null };
}

export function ProductEditorScreen() {
  const { id } = useParams();
  const loaded = useLoad(
    async () => ({
      categories: await call(merchant.categories.$get()),
      product: id ? await call(merchant.products[":id"].$get({ param: { id } })) : undefined,
    }),
    [id],
  );
  if (loaded.loading) return <Loading />;
  if (loaded.error || !loaded.data) return <Failed error={loaded.error} retry={loaded.reload} />;
  return <ProductEditor key={id ?? "new"} initial={loaded.data.product} categories={loaded.data.categories} />;
}

function ProductEditor({
  initial,
  categories,
}: {
  initial: TProduct | undefined;
  categories: Awaited<ReturnType<typeof loadCategories>>;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useSession((s) => s.can("catalog:manage"));
  const [product, setProduct] = useState(initial);
  const [form, setForm] = useState<Form>(() => formOf(initial));
  const [matrix, setMatrix] = useState<SkuMatrix>(() =>
    initial ? fromProduct(initial) : { dimensions: [], rows: [emptyRow([])] },
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);
  const [confirm, setConfirm] = useState<"bin" | "purge">();
  const queue = useUploadQueue((media) => {
    if (media.kind !== "image") return;
    setForm((f) => (f.images.length >= MAX_IMAGES ? f : { ...f, images: [...f.images, refOf(media)] }));
  });

  const deleted = product?.deletedAt != null;
  const readOnly = !canManage || deleted;
  const patch = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));

  function load(p: TProduct) {
    setProduct(p);
    setForm(formOf(p));
    setMatrix(fromProduct(p));
    setErrors({});
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const { dimensions, skus, problems } = toRequest(matrix);
    if (problems.length > 0) {
      setErrors(Object.fromEntries(problems.map((p) => [p.path, t(`screens.editor.problems.${p.problem}`)])));
      notify.error(new Error(t("screens.editor.fixProblems")));
      return;
    }
    const body = {
      title: form.title,
      subtitle: form.subtitle,
      detailHtml: form.detailHtml,
      categoryId: form.categoryId || null,
      status: form.status,
      tags: form.tags
        .split(/[,，]/)
        .map((x) => x.trim())
        .filter((x) => x !== ""),
      imageIds: form.images.map((i) => i.id),
      dimensions,
      skus,
    };
    setBusy(true);
    try {
      const saved = product
        ? await call(merchant.products[":id"].$patch({ param: { id: product.id }, json: body }))
        : await call(merchant.products.$post({ json: body }));
      notify.ok(t("app.saved"));
      if (saved.removedSkus.length > 0) {
        notify.ok(
          t("screens.editor.removedSkus", {
            count: saved.removedSkus.length,
            list: saved.removedSkus.map((s) => s.specValues.join("/") || s.code || "—").join(", "),
          }),
        );
      }
      load(saved.product);
      if (!product) navigate(`/products/${saved.product.id}`, { replace: true });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      notify.error(err);
    } finally {
      setBusy(false);
    }
  }

  async function toBin() {
    if (!product) return;
    setConfirm(undefined);
    const ok = await attempt(
      () => call(merchant.products[":id"].$delete({ param: { id: product.id } })),
      t("screens.editor.movedToBin"),
    );
    if (ok) {
      const fresh = await attempt(() => call(merchant.products[":id"].$get({ param: { id: product.id } })));
      if (fresh) load(fresh);
    }
  }
  async function restore() {
    if (!product) return;
    const p = await attempt(
      () => call(merchant.products[":id"].restore.$post({ param: { id: product.id } })),
      t("screens.editor.restored"),
    );
    if (p) load(p);
  }
  async function purge() {
    if (!product) return;
    setConfirm(undefined);
    const ok = await attempt(
      () => call(merchant.products[":id"].forever.$delete({ param: { id: product.id } })),
      t("screens.products.purged", { title: product.title }),
    );
    if (ok) navigate("/products");
  }

  const errorList = Object.entries(errors);
  return (
    <section className="product-editor">
      <PageHeader
        title={
          <>
            <Link to="/products" className="back">
              ← {t("nav.products")}
            </Link>{" "}
            {product ? product.title : t("screens.editor.newTitle")}
          </>
        }
        actions={
          canManage && (
            <>
              {product && !deleted && (
                <button type="button" className="danger" onClick={() => setConfirm("bin")}>
                  {t("screens.products.toBin")}
                </button>
              )}
              {!deleted && (
                <button type="submit" form="product-form" className="primary" disabled={busy}>
                  {t("app.save")}
                </button>
              )}
            </>
          )
        }
      />
      {deleted && product && (
        <div className="notice danger row">
          <span className="grow">{t("screens.editor.inBin", { time: formatTime(product.deletedAt) })}</span>
          {canManage && (
            <>
              <button type="button" onClick={() => void restore()}>
                {t("screens.products.restore")}
              </button>
              <button type="button" className="danger" onClick={() => setConfirm("purge")}>
                {t("screens.products.purge")}
              </button>
            </>
          )}
        </div>
      )}
      {errorList.length > 0 && (
        <div className="notice danger" role="alert">
          <strong>{t("screens.editor.problemsTitle")}</strong>
          <ul>
            {errorList.map(([path, message]) => (
              <li key={path}>
                {path ? <code>{path}</code> : null} {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form id="product-form" onSubmit={(e) => void save(e)}>
        <fieldset disabled={readOnly} className="plain stack">
          <div className="card stack">
            <h2>{t("screens.editor.basics")}</h2>
            <Field label={t("screens.editor.title")}>
              <input
                required
                maxLength={100}
                value={form.title}
                aria-invalid={errors.title ? true : undefined}
                onChange={(e) => patch({ title: e.target.value })}
              />
              <FieldError message={errors.title} />
            </Field>
            <Field label={t("screens.editor.subtitle")}>
              <input maxLength={200} value={form.subtitle} onChange={(e) => patch({ subtitle: e.target.value })} />
              <FieldError message={errors.subtitle} />
            </Field>
            <div className="grid-2">
              <Field label={t("screens.products.category")}>
                <select value={form.categoryId} onChange={(e) => patch({ categoryId: e.target.value })}>
                  <option value="">{t("screens.products.noCategory")}</option>
                  <CategoryOptions tree={categories} />
                </select>
                <FieldError message={errors.categoryId} />
              </Field>
              <Field label={t("screens.products.status")}>
                <select
                  value={form.status}
                  onChange={(e) => {
                    const status = STATUSES.find((s) => s === e.target.value);
                    if (status) patch({ status });
                  }}
                >
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`screens.products.statuses.${s}`)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <Field label={t("screens.editor.tags")} hint={t("screens.editor.tagsHint")}>
              <input value={form.tags} onChange={(e) => patch({ tags: e.target.value })} />
              <FieldError message={errors.tags} />
            </Field>
          </div>

          <div className="card stack">
            <h2>
              {t("screens.editor.gallery")}{" "}
              <span className="muted small">
                {form.images.length}/{MAX_IMAGES}
              </span>
            </h2>
            <ul className="gallery" aria-label={t("screens.editor.gallery")}>
              {form.images.map((img, i) => (
                <li key={img.id} className="gallery-item">
                  <img src={img.thumbUrl ?? img.url} alt={t("screens.editor.imageN", { n: i + 1 })} />
                  {i === 0 && <span className="badge cover">{t("screens.editor.cover")}</span>}
                  {!readOnly && (
                    <div className="gallery-actions">
                      <button
                        type="button"
                        className="icon"
                        disabled={i === 0}
                        aria-label={t("screens.editor.moveLeft", { n: i + 1 })}
                        onClick={() => patch({ images: swap(form.images, i, i - 1) })}
                      >
                        ←
                      </button>
                      <button
                        type="button"
                        className="icon"
                        disabled={i === form.images.length - 1}
                        aria-label={t("screens.editor.moveRight", { n: i + 1 })}
                        onClick={() => patch({ images: swap(form.images, i, i + 1) })}
                      >
                        →
                      </button>
                      <button
                        type="button"
                        className="icon danger"
                        aria-label={t("screens.editor.removeImage", { n: i + 1 })}
                        onClick={() => patch({ images: form.images.filter((_, j) => j !== i) })}
                      >
                        ×
                      </button>
                    </div>
                  )}
                </li>
              ))}
              {!readOnly && form.images.length < MAX_IMAGES && (
                <li className="gallery-add">
                  <button type="button" onClick={() => setPicking(true)}>
                    {t("screens.editor.fromLibrary")}
                  </button>
                  <label className="button">
                    {t("screens.editor.upload")}
                    <input
                      type="file"
                      hidden
                      multiple
                      accept="image/jpeg,image/png,image/webp,image/gif"
                      onChange={(e) => {
                        const files = Array.from(e.target.files ?? []);
                        e.target.value = "";
                        queue.add(files.slice(0, MAX_IMAGES - form.images.length));
                      }}
                    />
                  </label>
                </li>
              )}
            </ul>
            <UploadList uploads={queue.uploads} onClear={queue.clearFinished} />
            <FieldError message={errors.imageIds} />
          </div>

          <div className="card stack">
            <h2>{t("screens.editor.specs")}</h2>
            <DimensionsEditor matrix={matrix} onChange={setMatrix} errors={errors} readOnly={readOnly} />
            <SkuGrid matrix={matrix} onChange={setMatrix} errors={errors} readOnly={readOnly} />
          </div>

          <div className="card stack">
            <h2>{t("screens.editor.detail")}</h2>
            <RichTextEditor
              label={t("screens.editor.detail")}
              value={form.detailHtml}
              disabled={readOnly}
              onChange={(detailHtml) => patch({ detailHtml })}
            />
            <FieldError message={errors.detailHtml} />
          </div>
        </fieldset>
        {canManage && !deleted && (
          <div className="row end sticky-save">
            <button type="submit" className="primary" disabled={busy}>
              {t("app.save")}
            </button>
          </div>
        )}
      </form>
      {picking && (
        <MediaPicker
          multiple
          kind="image"
          max={MAX_IMAGES - form.images.length}
          onClose={() => setPicking(false)}
          onPick={(media) => {
            setPicking(false);
            const have = new Set(form.images.map((i) => i.id));
            const added = media.filter((m) => !have.has(m.id)).map(refOf);
            patch({ images: [...form.images, ...added].slice(0, MAX_IMAGES) });
          }}
        />
      )}
      {confirm === "bin" && (
        <ConfirmDialog
          title={t("screens.products.toBin")}
          danger
          confirmLabel={t("screens.products.toBin")}
          onClose={() => setConfirm(undefined)}
          onConfirm={() => void toBin()}
        >
          <p>{t("screens.products.toBinBody", { count: 1 })}</p>
        </ConfirmDialog>
      )}
      {confirm === "purge" && product && (
        <ConfirmDialog
          title={t("screens.products.purge")}
          danger
          confirmLabel={t("screens.products.purge")}
          onClose={() => setConfirm(undefined)}
          onConfirm={() => void purge()}
        >
          <p>{t("screens.products.purgeBody", { title: product.title })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function loadCategories() {
  return call(merchant.categories.$get());
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const out = [...list];
  const x = out[a];
  const y = out[b];
  if (x === undefined || y === undefined) return list;
  out[a] = y;
  out[b] = x;
  return out;
}

function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error" role="alert">
      {message}
    </span>
  );
}

function DimensionsEditor({
  matrix,
  onChange,
  errors,
  readOnly,
}: {
  matrix: SkuMatrix;
  onChange(m: SkuMatrix): void;
  errors: FieldErrors;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState<Record<number, string>>({});
  return (
    <div className="stack">
      {matrix.dimensions.map((d, di) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: dimensions are positional (rows hold values by position)
        <div key={di} className="dimension">
          <div className="row">
            <input
              className="dimension-name"
              aria-label={t("screens.editor.dimensionName", { n: di + 1 })}
              maxLength={20}
              value={d.name}
              onChange={(e) => onChange(renameDimension(matrix, di, e.target.value))}
            />
            {!readOnly && (
              <button type="button" className="link danger" onClick={() => onChange(removeDimension(matrix, di))}>
                {t("screens.editor.removeDimension")}
              </button>
            )}
          </div>
          <FieldError message={errors[`dimensions.${di}.name`] ?? errors[`dimensions.${di}`]} />
          <div className="row values">
            {d.values.map((v, vi) => (
              <ValueChip
                key={v}
                value={v}
                readOnly={readOnly}
                label={t("screens.editor.valueN", { dimension: d.name, n: vi + 1 })}
                onRename={(next) => onChange(renameValue(matrix, di, vi, next))}
                onRemove={() => onChange(removeValue(matrix, di, vi))}
              />
            ))}
            {!readOnly && d.values.length < MAX_VALUES && (
              <input
                className="value-add"
                placeholder={t("screens.editor.addValue")}
                aria-label={t("screens.editor.addValueTo", { dimension: d.name })}
                maxLength={30}
                value={adding[di] ?? ""}
                onChange={(e) => setAdding({ ...adding, [di]: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key !== "Enter") return;
                  e.preventDefault();
                  onChange(addValue(matrix, di, adding[di] ?? ""));
                  setAdding({ ...adding, [di]: "" });
                }}
                onBlur={() => {
                  if ((adding[di] ?? "").trim() === "") return;
                  onChange(addValue(matrix, di, adding[di] ?? ""));
                  setAdding({ ...adding, [di]: "" });
                }}
              />
            )}
          </div>
          <FieldError message={errors[`dimensions.${di}.values`]} />
        </div>
      ))}
      <FieldError message={errors.dimensions} />
      {!readOnly && matrix.dimensions.length < MAX_DIMENSIONS && (
        <div>
          <button
            type="button"
            onClick={() =>
              onChange(addDimension(matrix, t("screens.editor.defaultDimension", { n: matrix.dimensions.length + 1 })))
            }
          >
            {t("screens.editor.addDimension")}
          </button>
          <span className="muted small"> {t("screens.editor.dimensionsHint")}</span>
        </div>
      )}
    </div>
  );
}

function ValueChip({
  value,
  label,
  readOnly,
  onRename,
  onRemove,
}: {
  value: string;
  label: string;
  readOnly: boolean;
  onRename(v: string): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const commit = () => {
    if (text.trim() !== value) onRename(text);
    setText(value);
  };
  return (
    <span className="chip">
      <input
        aria-label={label}
        size={Math.max(2, text.length + 1)}
        maxLength={30}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
      />
      {!readOnly && (
        <button
          type="button"
          className="link"
          aria-label={t("screens.editor.removeValue", { value })}
          onClick={onRemove}
        >
          ×
        </button>
      )}
    </span>
  );
}

const FILL_FIELDS: FillField[] = ["price", "compareAtPrice", "stock", "code"];

function SkuGrid({
  matrix,
  onChange,
  errors,
  readOnly,
}: {
  matrix: SkuMatrix;
  onChange(m: SkuMatrix): void;
  errors: FieldErrors;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [fillField, setFillField] = useState<FillField>("price");
  const [fillValue, setFillValue] = useState("");
  const dims = matrix.dimensions.filter((d) => d.values.length > 0);
  const rowCount = matrix.rows.length;
  const allSelected = rowCount > 0 && selected.size === rowCount;

  function fill(target: "all" | Set<number>) {
    if (fillValue.trim() === "") return;
    onChange(fillRows(matrix, target, fillField, fillValue));
  }

  return (
    <div className="stack">
      {!readOnly && rowCount > 1 && (
        <div className="row fill-bar">
          <span>{t("screens.editor.batchFill")}</span>
          <select
            aria-label={t("screens.editor.fillField")}
            value={fillField}
            onChange={(e) => {
              const f = FILL_FIELDS.find((x) => x === e.target.value);
              if (f) setFillField(f);
            }}
          >
            {FILL_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`screens.editor.columns.${f}`)}
              </option>
            ))}
          </select>
          <input
            aria-label={t("screens.editor.fillValue")}
            placeholder={fillField === "code" ? t("screens.editor.codePrefix") : ""}
            value={fillValue}
            onChange={(e) => setFillValue(e.target.value)}
          />
          <button type="button" onClick={() => fill("all")}>
            {t("screens.editor.fillAll")}
          </button>
          <button type="button" disabled={selected.size === 0} onClick={() => fill(selected)}>
            {t("screens.editor.fillSelected", { count: selected.size })}
          </button>
          {fillField === "code" && <span className="muted small">{t("screens.editor.codeFillHint")}</span>}
        </div>
      )}
      <div className="sku-grid-wrap">
        <table className="sku-grid">
          <thead>
            <tr>
              {!readOnly && rowCount > 1 && (
                <th className="check">
                  <input
                    type="checkbox"
                    aria-label={t("screens.editor.selectAllRows")}
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(matrix.rows.map((_, i) => i)))}
                  />
                </th>
              )}
              {dims.map((d) => (
                <th key={d.name}>{d.name}</th>
              ))}
              {FILL_FIELDS.map((f) => (
                <th key={f}>
                  {t(`screens.editor.columns.${f}`)}
                  {f === "price" && <span className="required">*</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row, i) => {
              const name = row.specValues.join(" / ") || t("screens.editor.singleSku");
              return (
                <tr key={row.specValues.join("\u0000")}>
                  {!readOnly && rowCount > 1 && (
                    <td className="check">
                      <input
                        type="checkbox"
                        aria-label={t("screens.editor.selectRow", { name })}
                        checked={selected.has(i)}
                        onChange={() =>
                          setSelected((s) => {
                            const next = new Set(s);
                            if (next.has(i)) next.delete(i);
                            else next.add(i);
                            return next;
                          })
                        }
                      />
                    </td>
                  )}
                  {row.specValues.map((v, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: one cell per dimension, by position
                    <td key={j}>{v}</td>
                  ))}
                  {FILL_FIELDS.map((f) => {
                    const error = errors[`skus.${i}.${f}`];
                    return (
                      <td key={f}>
                        <input
                          className={f === "code" ? "cell code" : "cell"}
                          inputMode={f === "code" ? "text" : f === "stock" ? "numeric" : "decimal"}
                          aria-label={`${name} ${t(`screens.editor.columns.${f}`)}`}
                          aria-invalid={error ? true : undefined}
                          value={row[f]}
                          onChange={(e) => onChange(setCell(matrix, i, f, e.target.value))}
                        />
                        <FieldError message={error} />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FieldError message={errors.skus} />
    </div>
  );
}

// Route table of the builder. The designer and the phone preview load on demand (they carry the
// block views and dnd-kit); the back office screens are small.
import { lazy, Suspense } from "react";
import { Navigate, Route, Routes } from "react-router";
import { Toaster } from "sonner";
import { AdminTenantsScreen } from "./screens/admin-tenants.tsx";
import { AfterSalesScreen } from "./screens/after-sales.tsx";
import { AuditLogScreen } from "./screens/audit-log.tsx";
import { BillingScreen } from "./screens/billing.tsx";
import { CategoriesScreen } from "./screens/categories.tsx";
import { MediaScreen } from "./screens/media-library.tsx";
import { OrderDetailScreen } from "./screens/orders-detail.tsx";
import { OrdersScreen } from "./screens/orders-list.tsx";
import { PagesScreen } from "./screens/pages-list.tsx";
import { ProductEditorScreen } from "./screens/product-editor.tsx";
import { ProductsScreen } from "./screens/products-list.tsx";
import { StaffScreen } from "./screens/staff.tsx";
import { StoreSettingsScreen } from "./screens/store-settings.tsx";
import { AcceptInviteScreen, AdminLoginScreen, LoginScreen, ResetPasswordScreen } from "./shell/auth-screens.tsx";
import { AdminLayout, MerchantLayout } from "./shell/layout.tsx";
import { Loading } from "./shell/ui.tsx";

const DesignerScreen = lazy(() =>
  import("./designer/designer-screen.tsx").then((m) => ({ default: m.DesignerScreen })),
);
const PreviewScreen = lazy(() => import("./preview/preview-screen.tsx").then((m) => ({ default: m.PreviewScreen })));

export function App() {
  return (
    <>
      {/* One toaster for every screen, sign-in included: results and errors in the API's words. */}
      <Toaster position="top-center" richColors closeButton />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/login" element={<LoginScreen />} />
          <Route path="/reset-password" element={<ResetPasswordScreen />} />
          <Route path="/accept-invite" element={<AcceptInviteScreen />} />
          <Route path="/admin/login" element={<AdminLoginScreen />} />
          <Route path="/preview/:token" element={<PreviewScreen />} />
          <Route path="/pages/:id/design" element={<DesignerScreen />} />
          <Route element={<MerchantLayout />}>
            <Route index element={<Navigate to="/pages" replace />} />
            <Route path="/pages" element={<PagesScreen />} />
            <Route path="/products" element={<ProductsScreen />} />
            <Route path="/products/new" element={<ProductEditorScreen />} />
            <Route path="/products/:id" element={<ProductEditorScreen />} />
            <Route path="/categories" element={<CategoriesScreen />} />
            <Route path="/media" element={<MediaScreen />} />
            <Route path="/orders" element={<OrdersScreen />} />
            <Route path="/orders/:id" element={<OrderDetailScreen />} />
            <Route path="/after-sales" element={<AfterSalesScreen />} />
            <Route path="/staff" element={<StaffScreen />} />
            <Route path="/settings" element={<StoreSettingsScreen />} />
            <Route path="/billing" element={<BillingScreen />} />
          </Route>
          <Route path="/admin" element={<AdminLayout />}>
            <Route index element={<Navigate to="/admin/tenants" replace />} />
            <Route path="tenants" element={<AdminTenantsScreen />} />
            <Route path="audit-log" element={<AuditLogScreen />} />
          </Route>
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </>
  );
}

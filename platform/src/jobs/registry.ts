// Every job the platform runs. A job not listed here is refused by the relay and the worker.
import { autoCancelOrderJob } from "./auto-cancel-order.ts";
import { autoConfirmOrderJob } from "./auto-confirm-order.ts";
import { refreshBillingJob, stripeEventJob } from "./billing-stripe-event.ts";
import { type JobDefinition, jobLookup } from "./define.ts";
import { exportOrdersJob } from "./export-orders.ts";
import { importCatalogJob } from "./import-catalog.ts";
import { orderStatusChangedJob } from "./order-status-changed.ts";
import { publishPageJob } from "./publish-page.ts";
import { sendEmailJob } from "./send-email.ts";
import { refreshComponentTokenJob } from "./wechat-component-token.ts";
import { uploadShippingJob } from "./wechat-upload-shipping.ts";
import { reconcileBillsJob, reconcileStoreBillJob } from "./wechatpay-bills.ts";
import { checkWechatPaymentJob, closeWechatOrderJob } from "./wechatpay-check-payment.ts";
import { applyWechatNotificationJob } from "./wechatpay-notification.ts";
import { checkWechatRefundJob, requestWechatRefundJob } from "./wechatpay-refund.ts";

export const JOBS: readonly JobDefinition[] = [
  sendEmailJob,
  importCatalogJob,
  publishPageJob,
  autoCancelOrderJob,
  autoConfirmOrderJob,
  orderStatusChangedJob,
  exportOrdersJob,
  checkWechatPaymentJob,
  closeWechatOrderJob,
  applyWechatNotificationJob,
  requestWechatRefundJob,
  checkWechatRefundJob,
  uploadShippingJob,
  reconcileBillsJob,
  reconcileStoreBillJob,
  refreshComponentTokenJob,
  stripeEventJob,
  refreshBillingJob,
];

const lookup = jobLookup(JOBS);

export function findJob(name: string): JobDefinition | undefined {
  return lookup(name);
}

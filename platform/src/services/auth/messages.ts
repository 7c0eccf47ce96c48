// Texts of the emails the platform sends, in English and Chinese in one message.
export function inviteEmail(storeName: string, role: string, url: string) {
  return {
    subject: `You're invited to ${storeName} on Mallwright / 邀请您加入 ${storeName}`,
    text: [
      `You have been invited to join ${storeName} as ${role}.`,
      `Accept the invitation and set your password: ${url}`,
      "The link expires in 7 days.",
      "",
      `您被邀请以「${role}」身份加入店铺「${storeName}」。`,
      `请打开以下链接接受邀请并设置密码：${url}`,
      "链接 7 天内有效。",
    ].join("\n"),
  };
}

export function passwordResetEmail(url: string) {
  return {
    subject: "Reset your Mallwright password / 重置您的密码",
    text: [
      `Someone asked to reset the password of this account. To choose a new one, open: ${url}`,
      "The link expires in 1 hour. If it wasn't you, ignore this email.",
      "",
      `有人申请重置此账号的密码。如需设置新密码，请打开：${url}`,
      "链接 1 小时内有效。如非本人操作，请忽略此邮件。",
    ].join("\n"),
  };
}

export function addedToStoreEmail(storeName: string, role: string, url: string) {
  return {
    subject: `You now have access to ${storeName} / 您已加入 ${storeName}`,
    text: [
      `You were added to ${storeName} as ${role}. Sign in: ${url}`,
      "",
      `您已以「${role}」身份加入店铺「${storeName}」。登录：${url}`,
    ].join("\n"),
  };
}

// Strings of the block views (canvas and phone preview), zh-CN and en side by side, registered under
// "blocks" on import. What merchants typed (titles, notices) is shown as typed, never translated.
import { registerMessages } from "../i18n/index.ts";

const zh = {
  unknownType: "未知模块：{{type}}",
  invalidProps: "{{label}}的设置有误，请在右侧修改",
  renderFailed: "{{label}}无法显示",
  soldOut: "已售罄",
  lowStock: "库存紧张",
  buy: "购买",
  noProducts: "暂无商品：请在右侧选择商品来源",
  noCategories: "暂无分类：请在右侧选择分类",
  addImage: "点击添加图片",
  noSlides: "点击添加轮播图片",
  noNavItems: "点击添加导航",
  noVideo: "点击添加视频",
  play: "播放视频",
  hotWords: "热搜词",
  hotWordsHint: "店铺的热搜词将显示在这里",
  emptyText: "点击编辑富文本内容",
  more: "更多",
  slide: "第 {{n}} 张，共 {{count}} 张",
  link: {
    product: "链接到商品",
    category: "链接到分类",
    page: "链接到页面",
    url: "链接到网址：{{url}}",
    tab: "链接到标签页",
  },
};

const en = {
  unknownType: "Unknown block: {{type}}",
  invalidProps: "{{label}} has invalid settings: fix them on the right",
  renderFailed: "{{label}} cannot be shown",
  soldOut: "Sold out",
  lowStock: "Low stock",
  buy: "Buy",
  noProducts: "No products yet: choose where they come from on the right",
  noCategories: "No categories yet: choose them on the right",
  addImage: "Click to add a picture",
  noSlides: "Click to add slides",
  noNavItems: "Click to add shortcuts",
  noVideo: "Click to add a video",
  play: "Play video",
  hotWords: "Hot searches",
  hotWordsHint: "The store's hot search words show here",
  emptyText: "Click to write the text",
  more: "More",
  slide: "Slide {{n}} of {{count}}",
  link: {
    product: "Links to a product",
    category: "Links to a category",
    page: "Links to a page",
    url: "Links to {{url}}",
    tab: "Links to a tab",
  },
};

registerMessages("blocks", zh, en);

package cn.onehall.catalog.region;

import cn.onehall.starter.codes.RegionCode;

/** 行政区划: one node of the GB/T 2260 tree. */
public record Region(String code, String name, RegionCode.Level level, String parentCode) {
}

package cn.onehall.catalog.department;

/** 实施机构: an agency that handles service items in one region. */
public record Department(String creditCode, String name, String shortName, String regionCode, String phone, String address,
                         int version) {
}

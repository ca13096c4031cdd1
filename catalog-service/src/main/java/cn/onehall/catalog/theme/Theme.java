package cn.onehall.catalog.theme;

/** 服务主题: a life event or business stage under which items are listed, e.g. NP02 户籍办理, LP01 设立变更. */
public record Theme(String code, String name, ServiceObject serviceObject, int position, String note) {
}

package org.quex.synth;

import java.io.Serializable;
import java.util.List;

/**
 * Cities the synthetic firms live in: name, province, a county-level 行政区划代码, the zip prefix,
 * the long-distance area code, the customs port that serves them and where they lie. Real codes, a small sample.
 */
public final class Places {
    /** {@code lon}, {@code lat}: the city centre (rounded), for the coordinates some deliveries carry. */
    public record City(String name, String province, String regionCode, String zipPrefix, String areaCode,
                       String port, double lon, double lat) implements Serializable {
    }

    static final List<City> CITIES = List.of(
            new City("北京", "北京市", "110105", "100", "010", "北京海关", 116.40, 39.90),
            new City("天津", "天津市", "120104", "300", "022", "天津海关", 117.20, 39.13),
            new City("上海", "上海市", "310115", "200", "021", "上海海关", 121.47, 31.23),
            new City("南京", "江苏省", "320106", "210", "025", "南京海关", 118.80, 32.06),
            new City("无锡", "江苏省", "320211", "214", "0510", "南京海关", 120.31, 31.49),
            new City("苏州", "江苏省", "320505", "215", "0512", "上海海关", 120.58, 31.30),
            new City("杭州", "浙江省", "330106", "310", "0571", "杭州海关", 120.16, 30.27),
            new City("宁波", "浙江省", "330203", "315", "0574", "宁波海关", 121.55, 29.87),
            new City("温州", "浙江省", "330302", "325", "0577", "杭州海关", 120.70, 28.00),
            new City("合肥", "安徽省", "340104", "230", "0551", "合肥海关", 117.23, 31.82),
            new City("福州", "福建省", "350102", "350", "0591", "福州海关", 119.30, 26.08),
            new City("厦门", "福建省", "350206", "361", "0592", "厦门海关", 118.09, 24.48),
            new City("济南", "山东省", "370102", "250", "0531", "济南海关", 117.00, 36.65),
            new City("青岛", "山东省", "370202", "266", "0532", "青岛海关", 120.38, 36.07),
            new City("郑州", "河南省", "410105", "450", "0371", "郑州海关", 113.62, 34.75),
            new City("武汉", "湖北省", "420106", "430", "027", "武汉海关", 114.31, 30.59),
            new City("长沙", "湖南省", "430102", "410", "0731", "长沙海关", 112.94, 28.23),
            new City("广州", "广东省", "440106", "510", "020", "广州海关", 113.26, 23.13),
            new City("深圳", "广东省", "440305", "518", "0755", "深圳海关", 114.06, 22.54),
            new City("佛山", "广东省", "440604", "528", "0757", "广州海关", 113.12, 23.02),
            new City("东莞", "广东省", "441900", "523", "0769", "黄埔海关", 113.75, 23.02),
            new City("重庆", "重庆市", "500103", "400", "023", "重庆海关", 106.55, 29.56),
            new City("成都", "四川省", "510104", "610", "028", "成都海关", 104.07, 30.57),
            new City("西安", "陕西省", "610102", "710", "029", "西安海关", 108.94, 34.34),
            new City("沈阳", "辽宁省", "210102", "110", "024", "沈阳海关", 123.43, 41.80),
            new City("大连", "辽宁省", "210202", "116", "0411", "大连海关", 121.61, 38.91));

    private static final java.util.Map<String, City> BY_REGION_CODE = CITIES.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(City::regionCode, c -> c));

    private Places() {
    }

    /** The city with a region code, or null. */
    public static City byRegionCode(String regionCode) {
        return BY_REGION_CODE.get(regionCode);
    }
}

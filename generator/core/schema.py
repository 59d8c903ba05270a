"""The five kinds of record, each declared once.

Validation, the editor JSON Schema and (later) templates and field docs are all
derived from these declarations. The contract is shared/CONTENT-MODEL.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fields import (Boolean, Choice, ContentFile, Date, DateOrPeriod, Field, Identifier, Image, Integer,
                     ListOf, Number, Object, Ref, String, Url, object_schema)

# Defaults of the vocabularies that mkdocs.yml may override under the plugin.
DEFAULT_VOCABULARIES = {
    "categories": ("政治建设", "思想建设", "组织建设", "作风建设", "纪律建设", "制度建设"),
    "case_categories": ("抗击疫情", "防汛抗旱", "乡村振兴", "服务群众", "创先争优",
                        "党建业务融合", "作风建设", "廉政建设", "其他"),
    "lecture_fields": ("政治", "经济", "文化", "法治", "艺术", "业务", "党史", "廉政"),
}

BRANCH_LEVELS = ("党组", "党委", "机关党委", "党总支", "党支部", "临时党支部")
HONOR_LEVELS = ("国家级", "省部级", "地市级", "县区级", "系统内")
BRAND_STAGES = ("酝酿", "创建", "提升", "成熟")
SITE_STATUSES = ("规划中", "建设中", "已建成", "已命名")
LECTURE_FORMATS = ("线下", "线上", "线上线下")
MEDIA_KINDS = ("视频", "讲义", "图片", "音频")
YEAR = Integer(min=1900, max=2100, sample=2021)


def honour_field(help_: str) -> Field:
    return Field("honors", ListOf(Object([
        Field("title", String(120), "荣誉名称", "title", required=True, example="全国先进基层党组织"),
        Field("level", Choice(HONOR_LEVELS), "级别", "level", help="、".join(HONOR_LEVELS)),
        Field("year", YEAR, "年份", "year", example=2021),
        Field("issuer", String(80), "授予单位", "issuer"),
    ])), "荣誉", "honours", help=help_)


COMMON_FIELDS = [
    Field("id", Identifier(), "编号", "id",
          help="稳定编号，用于引用和网址；默认取文件在其类型文件夹内的路径（不含 .md）"),
    Field("title", String(80), "标题", "title", required=True, example="请填写标题",
          help="标题，最多 80 字"),
    Field("summary", String(300), "摘要", "summary",
          help="摘要，显示在卡片和搜索结果中，最多 300 字；不写则取正文第一段"),
    Field("tags", ListOf(String(40)), "标签", "tags", help="自由关键词"),
    Field("categories", ListOf(Choice(vocabulary="categories")), "分类", "categories",
          help="党的建设领域，取值见 mkdocs.yml 中的词表"),
    Field("cover", Image(), "封面", "cover", help="封面图片路径"),
    Field("sources", ListOf(Object([
        Field("title", String(200), "标题", "title", required=True),
        Field("url", Url(), "网址", "url"),
        Field("publisher", String(80), "发布单位", "publisher"),
        Field("date", Date(), "发布日期", "date"),
    ])), "来源", "sources", help="事实出处（新闻报道、期刊等）"),
    Field("draft", Boolean(), "草稿", "draft", help="草稿不会发布"),
    Field("visibility", Choice(("public", "internal")), "可见范围", "visibility",
          help="public（公开）或 internal（仅内部版可见）"),
    Field("updated", Date(), "更新日期", "updated", help="最近一次实质性修改的日期"),
]


@dataclass
class KindSchema:
    name: str  # branch, brand, …
    folder: str  # branches, brands, …
    zh: str
    en: str
    fields: list  # the kind's own fields; common ones are added in __post_init__
    date_key: str | None = None  # the field that places a record on the timeline

    def __post_init__(self):
        self.fields = COMMON_FIELDS + self.fields
        self.by_key = {f.key: f for f in self.fields}

    def json_schema(self, vocabularies=None) -> dict:
        schema = object_schema(self.fields, vocabularies or DEFAULT_VOCABULARIES)
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{self.name}.schema.json",
            "title": f"{self.zh}（{self.name}）",
            "description": f"content/{self.folder}/ 下每个 Markdown 文件的 front matter",
            **schema,
        }


KINDS = [
    KindSchema("branch", "branches", "党组织", "organisation", [
        Field("level", Choice(BRANCH_LEVELS), "层级", "level", required=True,
              help="、".join(BRANCH_LEVELS)),
        Field("parent", Ref("branch"), "上级组织", "parent", help="上级党组织的编号；最上级不写"),
        Field("unit", String(80), "所属单位", "unit", help="如：河北省水利厅"),
        Field("region", String(40), "地区", "region"),
        Field("members", Integer(min=0, sample=30), "党员人数", "members"),
        Field("founded", Date(), "成立时间", "founded"),
        Field("rating", Object([
            Field("stars", Integer(min=1, max=5, sample=5), "星级", "stars", required=True),
            Field("year", YEAR, "评定年份", "year"),
            Field("label", String(40), "称号", "label", help="如：五星五型"),
        ]), "星级评定", "rating"),
        honour_field("获得的荣誉"),
        Field("partners", ListOf(Ref("branch")), "结对共建", "partners",
              help="结对共建的党组织编号，双方页面都会显示"),
        Field("group", String(40), "共建组", "group"),
    ], date_key="founded"),
    KindSchema("brand", "brands", "党建品牌", "brand", [
        Field("owner", ListOf(Ref("branch"), min_items=1, single_allowed=True), "创建单位", "owner",
              required=True, help="运行该品牌的党组织编号，可写一个或一个列表"),
        Field("slogan", String(60), "品牌口号", "slogan", help="如：先锋领航，水惠民生"),
        Field("logo", Image(), "标识", "logo"),
        Field("launched", Date(), "创建时间", "launched"),
        Field("stage", Choice(BRAND_STAGES), "创建阶段", "stage", help="、".join(BRAND_STAGES)),
        Field("milestones", ListOf(Object([
            Field("name", String(80), "事项", "name", required=True),
            Field("start", Date(), "开始", "start"),
            Field("end", Date(), "完成", "end"),
            Field("owner", String(80), "责任方", "owner"),
        ], ordered=("start", "end"))), "推进计划", "milestones"),
        honour_field("品牌获得的荣誉"),
    ], date_key="launched"),
    KindSchema("site", "sites", "示范点", "site", [
        Field("branch", Ref("branch"), "所属党组织", "branch", required=True),
        Field("brand", Ref("brand"), "所属品牌", "brand"),
        Field("address", String(120), "地址", "address"),
        Field("location", Object([
            Field("lat", Number(-90, 90), "纬度", "latitude", required=True, example=38.04),
            Field("lon", Number(-180, 180), "经度", "longitude", required=True, example=114.51),
        ]), "坐标", "location"),
        Field("status", Choice(SITE_STATUSES), "建设状态", "status", help="、".join(SITE_STATUSES)),
        Field("opened", Date(), "建成时间", "opened"),
        Field("highlights", ListOf(String(120)), "特色亮点", "highlights"),
        Field("photos", ListOf(Image()), "照片", "photos"),
    ], date_key="opened"),
    KindSchema("lecture", "lectures", "讲堂", "lecture", [
        Field("series", String(40), "系列", "series", required=True, example="水利大讲堂",
              help="讲堂系列名；与某个党建品牌标题完全相同时自动关联"),
        Field("number", Integer(min=1, sample=1), "期数", "number", required=True, example=1),
        Field("date", Date(), "日期", "date", required=True, example="2021-07-17"),
        Field("speakers", ListOf(Object([
            Field("name", String(40), "姓名", "name", required=True, example="主讲人姓名"),
            Field("affiliation", String(80), "单位", "affiliation"),
            Field("role", String(40), "职务", "role"),
        ]), min_items=1), "主讲人", "speakers", required=True, example=[{"name": "主讲人姓名"}]),
        Field("fields", ListOf(Choice(vocabulary="lecture_fields")), "领域", "fields"),
        Field("format", Choice(LECTURE_FORMATS), "形式", "format", help="、".join(LECTURE_FORMATS)),
        Field("venue", String(80), "地点", "venue"),
        Field("host", Ref("branch"), "主办党组织", "host"),
        Field("attendance", Integer(min=0, sample=120), "参加人数", "attendance"),
        Field("media", ListOf(Object([
            Field("kind", Choice(MEDIA_KINDS), "类型", "kind", required=True),
            Field("url", Url(), "网址", "url"),
            Field("file", ContentFile(), "文件", "file", help="content/ 内的文件路径"),
        ], one_of=("url", "file"))), "资料", "media"),
    ], date_key="date"),
    KindSchema("case", "cases", "典型案例", "case", [
        Field("date", DateOrPeriod(), "时间", "date", required=True, example="2021-07-17",
              help="日期，或时间段 {start, end}"),
        Field("branches", ListOf(Ref("branch"), min_items=1), "党组织", "organisations",
              required=True, example=["党组织编号"]),
        Field("brand", Ref("brand"), "党建品牌", "brand"),
        Field("sites", ListOf(Ref("site")), "示范点", "sites"),
        Field("category", Choice(vocabulary="case_categories"), "案例类别", "category",
              required=True, example="服务群众"),
        Field("outcomes", ListOf(Object([
            Field("label", String(40), "指标", "label", required=True, example="服务群众"),
            Field("value", Number(), "数值", "value", required=True, example=100),
            Field("unit", String(10), "单位", "unit", example="人"),
        ])), "成效", "outcomes"),
        honour_field("案例获得的荣誉"),
        Field("people", ListOf(Object([
            Field("name", String(40), "姓名", "name", required=True),
            Field("role", String(60), "身份", "role"),
        ])), "先进个人", "people"),
    ], date_key="date"),
]

KIND_BY_NAME = {k.name: k for k in KINDS}
KIND_BY_FOLDER = {k.folder: k for k in KINDS}

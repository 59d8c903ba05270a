"""The five kinds of record, each declared once, with every field.

Everything else derives from these declarations: validation, the editor JSON Schema and
settings, the field docs, the search documents and filters, the index look-ups, the
record panels and backlink groups, the nav, the kind names and colours, and what the
check cache keeps. The contract is CONTENT-MODEL.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fields import (PANEL_SLOTS, Boolean, Choice, ContentFile, Date, DateOrPeriod, Field, Identifier, Image,
                     Integer, ListOf, Number, Object, Ref, String, TitleOf, Url, ids_schema, ids_vocabulary,
                     object_schema, walk_fields)
from .messages import Label

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



def honour_field(help_: str, example: str, level: str = "省部级",
                 issuer: str = "中共河北省委省直机关工作委员会") -> Field:
    return Field("honors", ListOf(Object([
        Field("title", String(120), "荣誉名称", "title", required=True, search=True,
              help="荣誉的正式名称，照表彰文件抄写", example=example),
        Field("level", Choice(HONOR_LEVELS), "级别", "level", search=True, facet="honor",
              help="、".join(HONOR_LEVELS), example=level),
        Field("year", YEAR, "年份", "year", help="获得荣誉的年份", example=2021),
        Field("issuer", String(80), "授予单位", "issuer", search=True,
              help="作出表彰决定的单位", example=issuer),
    ])), "荣誉", "honours", help=help_, example=[{"title": example, "level": level, "year": 2021}],
        search=True, panel="section")


COMMON_FIELDS = [
    Field("id", Identifier(), "编号", "id", cross_check=True, panel="",
          help="稳定编号，用于引用和网址；默认取文件在其类型文件夹内的路径（不含 .md），一般不用写",
          example="hebei-slt-jgdw"),
    Field("title", String(80), "标题", "title", required=True, panel="", cross_check=True,
          help="标题，最多 80 字", example="河北省水利厅直属机关党委"),
    Field("summary", String(300), "摘要", "summary", panel="summary",
          help="摘要，显示在卡片和搜索结果中，最多 300 字；不写则取正文第一段",
          example="厅直属机关党委创办并持续运营“水利大讲堂”，探索“党建+”模式，推动形成“大党建”格局。"),
    Field("categories", ListOf(Choice(vocabulary="categories")), "党建分类", "party-building categories", search=True,
          facet="category", cross_check=True, help="党的建设领域，取值见 mkdocs.yml 中的词表", example=["组织建设", "思想建设"]),
    Field("tags", ListOf(String(40)), "标签", "tags", search=True, facet="tag", cross_check=True,
          help="自由关键词，每个标签生成一个标签页", example=["河北水利", "党建+"]),
    Field("cover", Image(), "封面", "cover", panel="head",
          help="封面图片路径，相对本文件或以 / 开头从 content/ 算起", example="/assets/covers/dajiangtang.svg"),
    Field("sources", ListOf(Object([
        Field("title", String(200), "标题", "title", required=True,
              help="报道或文章的标题", example="创模式夯基础促融合 构建党建工作新格局"),
        Field("url", Url(), "网址", "url", help="原文网址（没有可不写）", example="https://www.example.gov.cn/news/2021/0717.html"),
        Field("publisher", String(80), "发布单位", "publisher", help="刊发的媒体或单位", example="《河北水利》"),
        Field("date", Date(), "发布日期", "date", help="刊发日期", example="2021-07-17"),
    ])), "资料来源", "sources", panel="links",
        help="事实出处（新闻报道、期刊等），显示在正文之后",
        example=[{"title": "创模式夯基础促融合 构建党建工作新格局", "publisher": "《河北水利》", "date": "2021-07-17"}]),
    Field("draft", Boolean(), "草稿", "draft", cross_check=True, panel="",
          help="写 true 时不会发布（本地预览可见）", example=True),
    Field("visibility", Choice(("public", "internal")), "可见范围", "visibility", cross_check=True, panel="",
          help="public（公开）或 internal（仅内部版可见）", example="internal"),
    Field("updated", Date(), "更新日期", "updated",
          help="最近一次实质性修改的日期", example="2024-05-20"),
]


@dataclass
class KindSchema:
    name: str  # branch, brand, …
    folder: str  # branches, brands, …: content/<folder>/ and the records' addresses /<folder>/<id>/
    zh: str
    en: str
    colour: str  # CSS colour of the kind's badge, under white text: contrast ≥ 4.5:1 (WCAG AA)
    nav: int  # position of its index page among the kinds' pages in the nav
    fields: list  # the kind's own fields; common ones are added in __post_init__
    date_key: str | None = None  # the field that places a record on the timeline
    index_title: str = ""  # title of its index page /<folder>/ (default: the Chinese name)
    # The body a new record starts from (`showcase new`): (heading, what to write under it).
    outline: tuple = ()
    examples: dict | None = None  # examples of common fields that read better per kind (title, summary)

    def __post_init__(self):
        self.own_fields = self.fields
        self.fields = COMMON_FIELDS + self.fields
        self.by_key = {f.key: f for f in self.fields}
        self.index_title = self.index_title or self.zh
        self.index_url = f"{self.folder}/"
        # Readers see the kind's own fields before the common ones (panel, search results).
        self.shown_order = self.own_fields + COMMON_FIELDS
        self.panel = {slot: [f for f in self.shown_order if f.panel == slot] for slot in PANEL_SLOTS}

    @property
    def label(self) -> Label:
        return Label(self.zh, self.en)

    def json_schema(self, vocabularies=None) -> dict:
        """The kind's front matter as JSON Schema. When `vocabularies` holds the existing
        records under `ids_vocabulary(kind)`, reference fields offer and accept only those ids."""
        vocabularies = vocabularies or DEFAULT_VOCABULARIES
        schema = object_schema(self.fields, vocabularies)
        targets = sorted({f.item_type.kind for f in walk_fields(self.fields)
                          if isinstance(f.item_type, Ref) and ids_vocabulary(f.item_type.kind) in vocabularies})
        if targets:
            schema["$defs"] = {ids_vocabulary(kind): ids_schema(vocabularies[ids_vocabulary(kind)])
                               for kind in targets}
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{self.name}.schema.json",
            "title": f"{self.zh}（{self.name}）",
            "description": f"content/{self.folder}/ 下每个 Markdown 文件的 front matter",
            **schema,
        }


KINDS = [
    KindSchema("branch", "branches", "党组织", "organisation", "#c62828", 1, [
        Field("level", Choice(BRANCH_LEVELS), "层级", "level", required=True, search=True, panel="badge",
              help="、".join(BRANCH_LEVELS), example="机关党委"),
        Field("parent", Ref("branch"), "上级组织", "parent", search=True, cross_check=True,
              backlinks="下级组织", backlinks_id="children",
              help="上级党组织的编号；最上级不写", example="hebei-slt-dangzu"),
        Field("unit", String(80), "所属单位", "unit", search=True,
              help="党组织所在的单位全称", example="河北省水利厅"),
        Field("region", String(40), "地区", "region", search=True,
              help="所在省、市、县", example="河北省石家庄市"),
        Field("members", Integer(min=0, sample=30), "党员人数", "members", unit="名",
              help="现有党员人数", example=30),
        Field("founded", Date(), "成立时间", "founded",
              help="党组织成立的日期，可只写年份", example="1985"),
        Field("rating", Object([
            Field("stars", Integer(min=1, max=5, sample=5), "星级", "stars", required=True,
                  help="1 到 5 星", example=5),
            Field("year", YEAR, "评定年份", "year", help="评定的年份", example=2023),
            Field("label", String(40), "称号", "label", search=True,
                  help="评定授予的称号", example="五星五型"),
        ]), "星级评定", "rating", search=True,
            help="星级党支部等评定结果", example={"stars": 5, "year": 2023, "label": "五星五型"}),
        Field("group", String(40), "共建组", "group", search=True,
              help="所在的联学联建组", example="省直机关第二联学组"),
        honour_field("获得的荣誉", "省直机关先进基层党组织"),
        Field("partners", ListOf(Ref("branch")), "结对共建", "partners", search=True, mutual=True,
              backlinks="结对共建", backlinks_id="partners", panel="",
              help="结对共建的党组织编号，双方页面都会显示", example=["ga-jcy-dyzb"]),
    ], date_key="founded", outline=(
        ("基本情况", "单位和党组织的基本情况：组织设置、党员队伍、主要职责"),
        ("特色做法", "党建工作的特色做法和经验"),
        ("工作成效", "取得的成效和荣誉"),
    )),
    KindSchema("brand", "brands", "党建品牌", "brand", "#ad1457", 2, [
        Field("owner", ListOf(Ref("branch"), min_items=1, single_allowed=True), "创建单位", "owner",
              required=True, search=True, organisation=True, backlinks="党建品牌",
              help="运行该品牌的党组织编号，可写一个或一个列表", example="hebei-slt-jgdw"),
        Field("slogan", String(60), "品牌口号", "slogan", search=True, panel="head",
              help="一句话的品牌口号", example="先锋领航，水惠民生"),
        Field("logo", Image(), "标识", "logo", panel="head",
              help="品牌标识图片路径", example="../assets/logos/xianfeng-linghang.svg"),
        Field("launched", Date(), "创建时间", "launched",
              help="品牌创建的日期，可只写年月", example="2019-07"),
        Field("stage", Choice(BRAND_STAGES), "创建阶段", "stage", search=True,
              help="、".join(BRAND_STAGES), example="提升"),
        honour_field("品牌获得的荣誉", "全省机关党建优秀品牌"),
        Field("milestones", ListOf(Object([
            Field("name", String(80), "事项", "name", required=True, search=True,
                  help="一项推进工作", example="建成党员先锋示范岗"),
            Field("start", Date(), "开始", "start", help="开始日期", example="2021-03"),
            Field("end", Date(), "完成", "end", help="完成或计划完成的日期，不早于开始", example="2021-12"),
            Field("owner", String(80), "责任方", "owner", search=True,
                  help="负责这项工作的部门或支部", example="机关第一党支部"),
        ], ordered=("start", "end"))), "推进计划", "milestones", search=True, panel="section",
            help="品牌创建的推进计划，按时间排列",
            example=[{"name": "建成党员先锋示范岗", "start": "2021-03", "end": "2021-12"}]),
    ], date_key="launched", outline=(
        ("品牌内涵", "品牌名称和口号的含义、创建的初衷"),
        ("主要做法", "围绕品牌开展的主要工作和载体"),
        ("成效", "品牌创建取得的成效，尽量用事实和数字说明"),
    ),
        examples={"title": "先锋领航党建品牌",
                  "summary": "以党员先锋示范岗为抓手，把党建工作融入水利中心工作。"}),
    KindSchema("site", "sites", "示范点", "site", "#2e7d32", 3, [
        Field("branch", Ref("branch"), "所属党组织", "branch", required=True, search=True,
              organisation=True, backlinks="示范点",
              help="建设该示范点的党组织编号", example="hebei-gangnan-yx-zb"),
        Field("brand", Ref("brand"), "所属品牌", "brand", search=True, backlinks="示范点",
              help="示范点所属党建品牌的编号", example="hd-slj-xianfeng"),
        Field("address", String(120), "地址", "address", search=True,
              help="详细地址", example="河北省石家庄市平山县岗南镇"),
        Field("location", Object([
            Field("lat", Number(-90, 90), "纬度", "latitude", required=True,
                  help="北纬为正，小数度", example=38.04),
            Field("lon", Number(-180, 180), "经度", "longitude", required=True,
                  help="东经为正，小数度", example=114.51),
        ]), "坐标", "location", help="地图坐标（小数度）", example={"lat": 38.04, "lon": 114.51}),
        Field("status", Choice(SITE_STATUSES), "建设状态", "status", search=True, panel="badge",
              help="、".join(SITE_STATUSES), example="已建成"),
        Field("opened", Date(), "建成时间", "opened", help="建成或命名的日期", example="2020-06"),
        Field("highlights", ListOf(String(120)), "特色亮点", "highlights", search=True, panel="section",
              help="每条一句话", example=["党员先锋岗24小时值守水库大坝", "库区党员志愿服务队"]),
        Field("photos", ListOf(Image()), "照片", "photos", panel="section",
              help="照片路径列表", example=["../assets/photos/gangnan-shuiku.svg"]),
    ], date_key="opened", outline=(
        ("基本情况", "示范点的位置、规模和建设过程"),
        ("特色亮点", "示范点的特色和亮点"),
        ("示范作用", "发挥的示范带动作用"),
    ),
        examples={"title": "岗南水库实景课堂示范点",
                  "summary": "依托岗南水库建设的党员教育实景课堂，党员先锋岗常年值守水库大坝。"}),
    KindSchema("lecture", "lectures", "讲堂", "lecture", "#1565c0", 4, [
        Field("series", TitleOf(40, "brand"), "系列", "series", required=True, search=True, facet="series",
              cross_check=True, backlinks="讲堂", backlinks_id="lectures",
              help="讲堂系列名；与某个党建品牌标题完全相同时自动关联", example="水利大讲堂"),
        Field("number", Integer(min=1, sample=1), "期数", "number", required=True, cross_check=True, panel="",
              help="在系列中的期数，同一系列内不能重复", example=79),
        Field("date", Date(), "日期", "date", required=True, help="举办日期", example="2021-06-29"),
        Field("speakers", ListOf(Object([
            Field("name", String(40), "姓名", "name", required=True, search=True,
                  help="主讲人姓名", example="主讲人姓名"),
            Field("affiliation", String(80), "单位", "affiliation", search=True,
                  help="主讲人所在单位", example="中共河北省委党校"),
            Field("role", String(40), "职务", "role", search=True,
                  help="职务或职称", example="党史教研部教授"),
        ]), min_items=1), "主讲人", "speakers", required=True, search=True,
            help="一位或多位主讲人", example=[{"name": "主讲人姓名", "affiliation": "中共河北省委党校"}]),
        Field("fields", ListOf(Choice(vocabulary="lecture_fields")), "领域", "fields", search=True,
              help="讲授内容所属领域，取值见 mkdocs.yml 中的词表", example=["党史", "政治"]),
        Field("format", Choice(LECTURE_FORMATS), "形式", "format", search=True,
              help="、".join(LECTURE_FORMATS), example="线下"),
        Field("venue", String(80), "地点", "venue", search=True,
              help="举办地点", example="河北省水利厅机关报告厅"),
        Field("host", Ref("branch"), "主办党组织", "host", search=True, organisation=True,
              backlinks="主办讲堂", help="主办党组织的编号", example="hebei-slt-jgdw"),
        Field("attendance", Integer(min=0, sample=120), "参加人数", "attendance", unit="人",
              help="现场和线上参加的总人数", example=120),
        Field("media", ListOf(Object([
            Field("kind", Choice(MEDIA_KINDS), "类型", "kind", required=True,
                  help="、".join(MEDIA_KINDS), example="图片"),
            Field("url", Url(), "网址", "url", help="网上的地址（与 file 二选一）",
                  example="https://www.example.gov.cn/video/071.html"),
            Field("file", ContentFile(), "文件", "file", help="content/ 内的文件路径（与 url 二选一）",
                  example="../../assets/photos/dajiangtang-071.svg"),
        ], one_of=("url", "file"))), "资料", "media",
            help="讲堂的视频、讲义、图片等", example=[{"kind": "图片", "file": "../../assets/photos/dajiangtang-071.svg"}]),
    ], date_key="date", outline=(
        ("内容提要", "这一期讲了什么：主要观点和内容，三五段即可"),
    ),
        examples={"title": "水利大讲堂第79期：百年党史中的治水精神",
                  "summary": "党校教授结合百年党史，讲述新中国治水事业中的共产党人精神。"}),
    KindSchema("case", "cases", "典型案例", "case", "#b53d00", 5, [
        Field("date", DateOrPeriod(), "时间", "date", required=True,
              help="日期，或时间段 {start, end}", example="2021-07-17"),
        Field("branches", ListOf(Ref("branch"), min_items=1), "党组织", "organisations", required=True,
              search=True, organisation=True, backlinks="典型案例",
              help="案例涉及的党组织编号，至少一个", example=["hebei-slt-jgdw"]),
        Field("brand", Ref("brand"), "党建品牌", "brand", search=True, backlinks="典型案例",
              help="案例所属党建品牌的编号", example="hd-slj-xianfeng"),
        Field("sites", ListOf(Ref("site")), "示范点", "sites", search=True, backlinks="典型案例",
              help="案例发生的示范点编号", example=["hebei-gangnan-sjkt"]),
        Field("category", Choice(vocabulary="case_categories"), "案例类别", "category", required=True, cross_check=True,
              search=True, facet="case_category",
              help="取值见 mkdocs.yml 中的词表", example="服务群众"),
        Field("outcomes", ListOf(Object([
            Field("label", String(40), "指标", "label", required=True, search=True,
                  help="成效指标的名称", example="受省部级以上表彰的集体"),
            Field("value", Number(), "数值", "value", required=True, search=True,
                  help="数字，不带单位", example=160),
            Field("unit", String(10), "单位", "unit", search=True, help="数值的单位", example="个（次）"),
        ])), "成效", "outcomes", search=True, panel="figures",
            help="用数字说明的成效，显示为醒目的数字卡片",
            example=[{"label": "服务群众", "value": 1200, "unit": "人次"}]),
        honour_field("案例获得的荣誉", "全国水利系统先进集体", "国家级", "水利部"),
        Field("people", ListOf(Object([
            Field("name", String(40), "姓名", "name", required=True, search=True,
                  help="先进个人姓名", example="先进个人姓名"),
            Field("role", String(60), "身份", "role", search=True,
                  help="称号或身份", example="最美水利人"),
        ])), "先进个人", "people", search=True,
            help="案例中的先进个人", example=[{"name": "先进个人姓名", "role": "最美水利人"}]),
    ], date_key="date", outline=(
        ("背景", "事情的起因、面临的形势和任务"),
        ("做法", "党组织和党员具体做了什么，怎样做的"),
        ("成效", "取得的成效，尽量用事实和数字说明"),
    ),
        examples={"title": "库区党员志愿服务队服务群众",
                  "summary": "库区党员志愿服务队常年开展巡河护库和入户走访，受到群众好评。"}),
]

KIND_BY_NAME = {k.name: k for k in KINDS}


def facet_label(facet: str) -> Label:
    """The label of the field that declares a facet (the first, where several do)."""
    return next(Label(f.zh, f.en) for k in KINDS for top in k.fields for f in [top, *top.sub_fields]
                if f.facet == facet)


# The search page's filters, by name (a field's `facet`, plus the kind, the organisations
# a record belongs to and the years of its date). Field facets not named here (the lecture
# series) are look-ups of the index only.
SEARCH_FILTERS = {
    "kind": Label("类别", "kind"),
    "org": Label("党组织", "organisation"),
    "year": Label("年份", "year"),
    "category": facet_label("category"),
    "case_category": facet_label("case_category"),
    "tag": facet_label("tag"),
    "honor": Label("荣誉级别", "honour level"),
}
KIND_BY_FOLDER = {k.folder: k for k in KINDS}
ANY_KIND = "*"  # the kind a body's [[id]] link accepts
# Human names of kinds, for messages and pages.
KIND_NAMES = {"zh": {**{k.name: k.zh for k in KINDS}, ANY_KIND: "记录"},
              "en": {**{k.name: k.en for k in KINDS}, ANY_KIND: "record"}}
# Where each field name is declared: key → [(kind, the field it is a sub-field of, or None)].
FIELD_PLACES: dict[str, list[tuple[str, str | None]]] = {}
for _kind in KINDS:
    for _field in _kind.fields:
        FIELD_PLACES.setdefault(_field.key, []).append((_kind.name, None))
        for _sub in _field.sub_fields:
            FIELD_PLACES.setdefault(_sub.key, []).append((_kind.name, _field.key))
# Fields through which a record belongs to an organisation (the per-organisation look-up).
ORGANISATION_KEYS = tuple(dict.fromkeys(f.key for k in KINDS for f in k.fields if f.organisation))
# What the rules across files (references.py) read from a record beyond its identity and references.
CROSS_CHECK_KEYS = tuple(dict.fromkeys(f.key for k in KINDS for f in k.fields if f.cross_check))


class Kind:
    """A message argument naming a kind of record."""

    def __init__(self, kind: str):
        self.kind = kind

    def render(self, lang: str) -> str:
        return KIND_NAMES[lang][self.kind]

"""Synthetic data folders for benchmarks and tests: realistic, valid, deterministic.

`synthesize(out_dir, "county", seed)` writes a data folder with the same layout
as data/ (townships/, villages/, branches/, meetings/, plans/, tasks/<plan>/,
disclosures/<year>/, findings/) whose records pass `validate` with no errors and no
warnings on SYNTH_TODAY. Places and people are fictional: names are built from
lists of characters. The same seed gives the same bytes.

Files are written as text directly (no YAML dumper), one township at a time,
so even the province scale stays fast and small in memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

DEFAULT_SEED = 20251231
SYNTH_TODAY = dt.date(2025, 12, 31)  # records are complete and consistent as of this day
MARKER = ".synth"  # hidden (never read as a record); says the folder holds synthetic data
WORLD_TYPES = (
    "county",
    "township",
    "village",
    "branch",
    "meetings",
    "plan",
    "task",
    "disclosure",
    "new_org",
    "pledge",
    "grid",
    "finding",
    "deliberation",
    "venue",
    "oversight_log",
    "training",
    "appraisal",
    "recruitment",
    "member_points",
)  # written by _World
GENERIC_PER_TOWNSHIP = 5  # records of each other registered type, made from its field tree


@dataclass(frozen=True)
class Scale:
    """Sizes per township; a scale is a number of townships of that size."""

    name: str
    townships: int
    villages: int = 20  # per township
    organizations: int = 40  # per township, the township's 党委 included
    tasks: int = 300  # per township (one plan per township)
    disclosures: int = 400  # per township, about
    findings: int = 4  # per township: see _World.write_findings

    def targets(self) -> dict[str, int]:
        """Expected record counts per type for the whole folder."""
        n = self.townships
        return {
            "township": n,
            "village": n * self.villages,
            "branch": n * self.organizations,
            "plan": n,
            "task": n * self.tasks,
            "disclosure": n * self.disclosures,
            "finding": n * self.findings,
        }


SCALES = {
    "township": Scale("township", 1),
    "county": Scale("county", 20, organizations=50),
    "province": Scale("province", 200, organizations=50),
}


@dataclass
class SynthStats:
    counts: dict[str, int] = field(default_factory=dict)  # record type → files
    bytes: int = 0

    @property
    def files(self) -> int:
        return sum(self.counts.values())

    def add(self, kind: str, size: int) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        self.bytes += size


class NotSynthetic(Exception):
    """The output folder holds files that this module did not write."""


# The field types' example values (generators/spec/types/) make the records of any other type.
FIELD_TYPES_DIR = Path(__file__).resolve().parents[1] / "generators" / "spec" / "types"


def dataset_key(scale: str, seed: int) -> str:
    """Identifies the exact output: scale, seed, the generator's source and the field types'."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(FIELD_TYPES_DIR.rglob("*.py")):
        digest.update(path.read_bytes())
    source = digest.hexdigest()[:16]
    return f"scale={scale} seed={seed} synth={source}\n"


def synthesize(out_dir: Path, scale: str, seed: int = DEFAULT_SEED, registry=None) -> SynthStats:
    """Writes a complete synthetic data folder; replaces an earlier synthetic one.

    Every type of the registry gets records: the built-in ones from a consistent
    made-up world, any other from its field tree (see _generic_record)."""
    from generators.spec.registry import REGISTRY

    registry = registry or REGISTRY
    spec = SCALES[scale]
    out_dir = Path(out_dir)
    if out_dir.exists():
        entries = [p for p in out_dir.iterdir()]
        if entries and not (out_dir / MARKER).exists():
            raise NotSynthetic(str(out_dir))
        for record_type in registry:
            folder = out_dir / record_type.pattern.split("/")[0]
            if folder.exists():
                shutil.rmtree(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text(dataset_key(scale, seed), encoding="utf-8")
    writer = _Writer(out_dir)
    _World(spec, seed, writer).build()
    _write_generic(writer, registry, spec.townships * GENERIC_PER_TOWNSHIP, random.Random(seed))
    return writer.stats


def _write_generic(writer: _Writer, registry, count: int, rng: random.Random) -> None:
    """Records of every type the made-up world does not write, made from their field trees."""
    generic = [t for t in registry if t.name not in WORLD_TYPES]
    ids = {t.name: sorted(p.stem for p in writer.root.glob(t.pattern)) for t in registry}
    ids.update((t.name, _generic_ids(t, count)) for t in generic)
    for record_type in generic:
        for record_id in ids[record_type.name]:
            writer.write(
                record_type.name,
                _generic_path(record_type.pattern, record_id),
                _generic_record(record_type.schema.root, record_id, rng, ids),
            )


def _generic_ids(record_type, count: int) -> list[str]:
    """Ids the type's id pattern accepts: village_rule → village-rule-0001 (or villagerule0001)."""
    spec = record_type.schema.fields.get("id")
    accepts = re.compile(spec.regex).fullmatch if spec is not None and spec.regex else bool
    slug = re.sub(r"[^a-z0-9]+", "-", record_type.name.lower()).strip("-")
    for form in (slug + "-{:04d}", slug.replace("-", "") + "{:04d}"):
        ids = [form.format(n + 1) for n in range(count)]
        if all(accepts(record_id) for record_id in ids):
            return ids
    raise ValueError(f"no synthetic id of {record_type.name} matches its pattern {spec.regex}")


def _generic_path(pattern: str, record_id: str) -> str:
    """notices/*.yaml → notices/<id>.yaml; a folder part * (a year, a plan) → the synthetic year."""
    *folders, name = pattern.split("/")
    return "/".join(
        [part.replace("*", str(SYNTH_TODAY.year)) for part in folders]
        + [name.replace("*", record_id)]
    )


def _generic_record(root, record_id: str, rng: random.Random, ids: dict | None = None) -> list[str]:
    """YAML lines of a record made from a field tree alone: every field, with a valid value; a
    reference names a record of its kind that the folder holds (`ids`: type name → ids)."""
    sample = _Sample(record_id, rng, ids or {})
    lines: list[str] = []
    for key, spec in root.fields.items():
        lines.extend(_yaml_lines(key, _generic_value(spec, key, sample), ""))
    return lines


@dataclass
class _Sample:
    """What a field type's example value asks for (generators.spec.types.base.Sample)."""

    record_id: str
    rng: random.Random
    ids: dict = field(default_factory=dict)  # type name → the folder's ids, for references
    today: dt.date = SYNTH_TODAY

    @staticmethod
    def quote(text: str) -> str:
        return q(text)

    def value(self, spec, key: str):
        return _generic_value(spec, key, self)


def _generic_value(spec, key: str, sample: _Sample):
    """A field's valid value: YAML text, or a dict or list of them (its type's example); a
    reference is an existing id of its kind."""
    if key == "id":
        return sample.record_id
    if spec.ref is not None:
        return _reference(spec, sample)
    if spec.allowed:
        return q(str(sample.rng.choice(spec.allowed)))
    return spec.kind.example(spec, key, sample)


def _reference(spec, sample: _Sample) -> str:
    """An id the folder holds of the kind a reference field names."""
    from generators.spec.registry import REFERENCE_KINDS

    kinds = REFERENCE_KINDS[spec.ref].types
    return q(sample.rng.choice([i for t in kinds for i in sample.ids.get(t, ())]))


def _yaml_lines(key: str, value, indent: str) -> list[str]:
    """A field as YAML lines; a list without items is left out."""
    head = f"{indent}{key}:"
    if isinstance(value, dict):
        return [head, *_mapping_lines(value, indent + "  ")]
    if isinstance(value, list):
        items = [line for item in value for line in _item_lines(item, indent + "  ")]
        return [head, *items] if items else []
    return [f"{head} {value}"]


def _mapping_lines(mapping: dict, indent: str) -> list[str]:
    return [line for key, value in mapping.items() for line in _yaml_lines(key, value, indent)]


def _item_lines(item, indent: str) -> list[str]:
    """One item of a list: `- value`, or a group whose first line follows the dash."""
    if isinstance(item, dict):
        body = _mapping_lines(item, indent + "  ")
    elif isinstance(item, list):
        body = [line for inner in item for line in _item_lines(inner, indent + "  ")]
    else:
        return [f"{indent}- {item}"]
    return [f"{indent}- {body[0].strip()}", *body[1:]] if body else []


class _Writer:
    def __init__(self, root: Path):
        self.root = root
        self.stats = SynthStats()
        self.folders: set[Path] = set()

    def write(self, kind: str, relative: str, lines: list[str]) -> None:
        path = self.root / relative
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        data = ("\n".join(lines) + "\n").encode("utf-8")
        path.write_bytes(data)
        self.stats.add(kind, len(data))


# ---------------------------------------------------------------------------
# YAML text

_NEEDS_QUOTES = re.compile(r"""[:#{}\[\],&*!|>'"%@`\\]|^[-?\s]|\s$""")


def q(text: str) -> str:
    """A scalar as YAML text: plain when that reads back unchanged, else double-quoted."""
    if text and not _NEEDS_QUOTES.search(text) and text not in ("~", "null", "Null", "NULL"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yuan(fen: int) -> str:
    """An amount in fen written as yuan with two decimals: 1234567 → 12345.67."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


# ---------------------------------------------------------------------------
# names: (character, pinyin) lists; every place and person is made up

PLACE_CHARS = [
    ("青", "qing"),
    ("溪", "xi"),
    ("桃", "tao"),
    ("源", "yuan"),
    ("石", "shi"),
    ("桥", "qiao"),
    ("梅", "mei"),
    ("林", "lin"),
    ("上", "shang"),
    ("塘", "tang"),
    ("竹", "zhu"),
    ("坑", "keng"),
    ("岭", "ling"),
    ("下", "xia"),
    ("枫", "feng"),
    ("湾", "wan"),
    ("山", "shan"),
    ("河", "he"),
    ("东", "dong"),
    ("南", "nan"),
    ("北", "bei"),
    ("新", "xin"),
    ("龙", "long"),
    ("马", "ma"),
    ("鹤", "he"),
    ("云", "yun"),
    ("松", "song"),
    ("柏", "bai"),
    ("杨", "yang"),
    ("柳", "liu"),
    ("花", "hua"),
    ("茶", "cha"),
    ("田", "tian"),
    ("岗", "gang"),
    ("坪", "ping"),
    ("口", "kou"),
    ("头", "tou"),
    ("湖", "hu"),
    ("泉", "quan"),
    ("沙", "sha"),
    ("金", "jin"),
    ("白", "bai"),
    ("黄", "huang"),
    ("红", "hong"),
    ("大", "da"),
    ("高", "gao"),
    ("长", "chang"),
    ("安", "an"),
    ("宁", "ning"),
    ("和", "he"),
    ("平", "ping"),
    ("兴", "xing"),
    ("福", "fu"),
    ("瑞", "rui"),
    ("庄", "zhuang"),
    ("堰", "yan"),
    ("畈", "fan"),
    ("岙", "ao"),
    ("埠", "bu"),
    ("渡", "du"),
    ("洲", "zhou"),
    ("前", "qian"),
    ("后", "hou"),
    ("里", "li"),
    ("外", "wai"),
    ("塔", "ta"),
    ("坞", "wu"),
    ("潭", "tan"),
    ("峰", "feng"),
    ("岩", "yan"),
    ("坦", "tan"),
    ("桐", "tong"),
    ("樟", "zhang"),
    ("杏", "xing"),
    ("荷", "he"),
    ("莲", "lian"),
    ("芦", "lu"),
    ("苍", "cang"),
    ("翠", "cui"),
    ("碧", "bi"),
    ("丰", "feng"),
    ("乐", "le"),
    ("永", "yong"),
    ("富", "fu"),
    ("盛", "sheng"),
    ("华", "hua"),
    ("阳", "yang"),
    ("明", "ming"),
    ("德", "de"),
    ("仁", "ren"),
    ("义", "yi"),
    ("善", "shan"),
    ("庙", "miao"),
    ("井", "jing"),
    ("埂", "geng"),
    ("垄", "long"),
    ("湖", "hu"),
    ("浦", "pu"),
    ("港", "gang"),
    ("滩", "tan"),
    ("坝", "ba"),
    ("园", "yuan"),
]
PLACE_SUFFIXES = [
    ("湾", "wan"),
    ("头", "tou"),
    ("口", "kou"),
    ("坞", "wu"),
    ("坪", "ping"),
    ("桥", "qiao"),
]
COUNTY_CHARS = [
    ("云", "yun"),
    ("岭", "ling"),
    ("清", "qing"),
    ("江", "jiang"),
    ("丽", "li"),
    ("水", "shui"),
    ("安", "an"),
    ("远", "yuan"),
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤"
)
GIVEN_MALE = (
    "伟强军平国建明志文华海涛斌杰勇峰新东辉刚宏春林永德忠成俊波晓金水根荣福宝兴生伟庆振宇鹏"
)
GIVEN_FEMALE = "芳娟敏静丽艳秀英霞燕红梅玲琴云莉萍兰凤洁琳雪慧婷佳怡梦瑶月桂花珍美娜晶倩颖"


class _Names:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def person(self, surnames: tuple[str, ...] = (), female: bool | None = None) -> str:
        rng = self.rng
        if surnames and rng.random() < 0.6:
            surname = rng.choice(surnames)
        else:
            surname = SURNAMES[min(int(rng.expovariate(1 / 25)), len(SURNAMES) - 1)]
        if female is None:
            female = rng.random() < 0.3
        pool = GIVEN_FEMALE if female else GIVEN_MALE
        given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.75 else "")
        return surname + given

    def people(self, count: int, surnames: tuple[str, ...] = ()) -> list[str]:
        out: list[str] = []
        while len(out) < count:
            name = self.person(surnames)
            if name not in out:
                out.append(name)
        return out


# ---------------------------------------------------------------------------
# the world: townships, villages, organizations


@dataclass
class _Village:
    id: str
    name: str
    short: str  # name without 村/社区, for company names
    short_id: str
    kind: str
    surnames: tuple[str, ...]
    org_id: str = ""  # the village's top party organization
    org_name: str = ""
    org_level: str = ""
    members: int = 0
    secretary: str = ""
    groups: int = 0
    households: int = 0
    grids: int = 0


class _MemberStats(TypedDict):
    """An organisation's member counts, as _Org's fields of the same names."""

    total: int
    probationary: int
    female: int
    under_35: int
    college: int
    mobile: int


@dataclass
class _Org:
    id: str
    name: str
    level: str
    sector: str
    parent: str | None
    village: _Village | None
    total: int
    probationary: int
    female: int
    under_35: int
    college: int
    mobile: int
    committee: list[tuple[str, str]]
    party_groups: int = 0
    stars: int = 0  # 2025 rating
    rectification: dt.date | None = None  # the day its 软弱涣散 整顿 started, if it had one
    children: list[_Org] = field(default_factory=list)

    @property
    def full(self) -> int:
        return self.total - self.probationary


@dataclass
class _Township:
    id: str
    name: str
    short: str
    county: str
    abbreviation: str
    villages: list[_Village] = field(default_factory=list)
    orgs: list[_Org] = field(default_factory=list)

    def dept(self, key: str) -> str:
        return f"{self.id}-{key}"

    @property
    def area(self) -> str:
        """镇, 乡 or 街道, as in 「全镇」."""
        return "街道" if self.name.endswith("街道") else self.name[-1]

    @property
    def committee_id(self) -> str:
        return f"{self.id}-dangwei"


DEPARTMENTS = [
    ("dangzhengban", "党政办"),
    ("dangjianban", "党建办"),
    ("jiwei", "纪委"),
    ("minzhengban", "民政办"),
    ("nongyeban", "农业农村办"),
    ("caizhengsuo", "财政所"),
    ("zongzhi", "综治中心"),
    ("jingfaban", "经济发展办"),
]
# Each township's disclosure catalogue: (key, category, title, subjects, rhythm, days after the period, in force from).
CATALOGUE = [
    ("caiwu-yuedu", "财务", "村级财务收支情况", ("行政村", "社区"), "每月", 10, "2025-01-01"),
    ("cunwu-jidu", "村务", "村务公开（季度）", ("行政村", "社区"), "每季度", 15, "2025-01-01"),
    ("dibao", "村务", "低保等救助对象", ("行政村", "社区"), "每季度", 10, "2025-10-01"),
    (
        "siyi-liangkai",
        "村务",
        "“四议两公开”决议及实施结果",
        ("行政村", "社区"),
        "按事项",
        30,
        "2025-01-01",
    ),
    (
        "dangwu-bannian",
        "党务",
        "党务公开（半年）",
        ("村社区党组织", "镇党委"),
        "每半年",
        15,
        "2025-01-01",
    ),
    ("xingji", "党务", "基层党组织星级评定结果", ("镇党委",), "每年", 30, "2025-01-01"),
]
DECISION_STEPS = [
    "村党组织提议",
    "村两委会议商议",
    "党员大会审议",
    "村民代表会议决议",
    "决议公开",
    "实施结果公开",
]
INDUSTRIES = [
    ("茶业", "chaye"),
    ("竹木制品", "zhumu"),
    ("纺织", "fangzhi"),
    ("机械", "jixie"),
    ("食品", "shipin"),
    ("建材", "jiancai"),
    ("电子", "dianzi"),
    ("农业开发", "nongye"),
    ("物流", "wuliu"),
    ("旅游开发", "lvyou"),
    ("电器", "dianqi"),
    ("包装", "baozhuang"),
    ("服饰", "fushi"),
    ("新材料", "xincailiao"),
    ("五金", "wujin"),
    ("塑业", "suye"),
    ("生物科技", "shengwu"),
    ("光伏科技", "guangfu"),
    ("水产养殖", "shuichan"),
    ("酒业", "jiuye"),
]
COMMITTEE_ROLES = ["书记", "组织委员", "宣传委员", "纪检委员", "青年委员"]
COMMITTEE_ROLES_GENERAL = ["书记", "副书记", "组织委员", "宣传委员", "纪检委员"]
COMMITTEE_ROLES_PARTY_COMMITTEE = [
    "书记",
    "副书记",
    "副书记",
    "纪委书记",
    "组织委员",
    "宣传委员",
    "武装委员",
]
STAR_GRADES = {5: "好", 4: "较好", 3: "一般", 2: "较差"}
ORDINALS = [("第一", "diyi"), ("第二", "dier"), ("第三", "disan")]


def _day(rng: random.Random, year: int, month: int, lo: int = 1, hi: int = 28) -> dt.date:
    return dt.date(year, month, rng.randint(lo, hi))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, min(day.day, 28))


class _World:
    def __init__(self, spec: Scale, seed: int, writer: _Writer):
        self.spec = spec
        self.seed = seed
        self.writer = writer
        self.rng = random.Random(f"synth:{seed}")
        self.names = _Names(self.rng)
        self.entity_ids: set[str] = set()  # villages, branches, townships, departments
        self.place_names: set[str] = set()

    # -- ids and names ------------------------------------------------------

    def claim(self, entity_id: str) -> str:
        if entity_id in self.entity_ids:
            raise AssertionError(f"duplicate synthetic id {entity_id}")
        self.entity_ids.add(entity_id)
        return entity_id

    def place(self, long_ratio: float = 0.2) -> tuple[str, str]:
        """A new place name and its pinyin id, unique among places so far."""
        rng = self.rng
        while True:
            chars = rng.sample(PLACE_CHARS, 2)
            if rng.random() < long_ratio:
                chars.append(rng.choice(PLACE_SUFFIXES))
            name = "".join(c for c, _ in chars)
            slug = "".join(p for _, p in chars)
            if (
                name not in self.place_names
                and slug not in self.entity_ids
                and len(set(name)) == len(name)
            ):
                self.place_names.add(name)
                return name, slug

    # -- whole folder -------------------------------------------------------

    def build(self) -> None:
        rng = self.rng
        county_chars = rng.sample(COUNTY_CHARS, 2)
        county = "".join(c for c, _ in county_chars) + "县"
        for index in range(self.spec.townships):
            short, slug = self.place(long_ratio=0.0)
            kind = "街道" if index % 10 == 9 else ("乡" if index % 7 == 6 else "镇")
            township = _Township(self.claim(slug), short + kind, short, county, short[0])
            for key, _ in DEPARTMENTS:
                self.claim(township.dept(key))
            self.build_township(township)
        if self.spec.townships > 1:  # a county's site; one township's has no county record
            self.write_county(county, county_chars)

    def write_county(self, county: str, county_chars) -> None:
        slug = "".join(pinyin for _, pinyin in county_chars)
        lines = [
            f"# {county}基本信息（合成测试数据，地名均为虚构）",
            f"id: {slug}",
            f"name: {q(county)}",
            f"party_committee: {q(f'中共{county}委员会')}",
            f"site_title: {q(f'{county}党建引领基层治理公开平台')}",
            f"maintainer: {q(f'中共{county}委组织部')}",
            f"office_phone: 0579-8{self.rng.randint(1000000, 9999999)}",
        ]
        self.writer.write("county", f"counties/{slug}.yaml", lines)

    def build_township(self, t: _Township) -> None:
        rng = self.rng
        spec = self.spec
        community_count = max(1, spec.villages // 10)
        for i in range(spec.villages):
            name, slug = self.place()
            kind = "社区" if i < community_count else "行政村"
            suffix = "社区" if kind == "社区" else "村"
            surnames = tuple(rng.sample(SURNAMES[:40], 2))
            t.villages.append(_Village(self.claim(slug), name + suffix, name, slug, kind, surnames))
        self.build_orgs(t)
        self.write_township(t)
        for village in t.villages:
            self.write_village(t, village)
        for org in t.orgs:
            self.write_org(t, org)
        for org in t.orgs:
            if org.level in ("党支部", "联合党支部", "流动党员党支部"):
                self.write_meetings(t, org)
        self.write_plan_and_tasks(t)
        self.write_disclosures(t)
        # The later record types draw from their own generator, so the records above keep their bytes.
        extra = random.Random(f"synth:{self.seed}:{t.id}:governance")
        self.write_new_orgs(t, extra)
        self.write_pledges(t, extra)
        self.write_grids(t, extra)
        self.write_findings(t)
        life = random.Random(f"synth:{self.seed}:{t.id}:village-life")
        self.write_deliberations(t, life)
        self.write_venues(t, life)
        self.write_oversight(t, life)
        self.write_trainings(t, random.Random(f"synth:{self.seed}:{t.id}:training"))
        self.write_appraisals(t, random.Random(f"synth:{self.seed}:{t.id}:appraisal"))
        self.write_recruitment(t, random.Random(f"synth:{self.seed}:{t.id}:recruitment"))
        self.write_points(t, random.Random(f"synth:{self.seed}:{t.id}:points"))

    # -- organizations ------------------------------------------------------

    def member_stats(self, total: int, mobile_all: bool = False) -> _MemberStats:
        rng = self.rng
        probationary = rng.randint(0, min(3, total - 7))
        return {
            "total": total,
            "probationary": probationary,
            "female": round(total * rng.uniform(0.2, 0.38)),
            "under_35": round(total * rng.uniform(0.08, 0.3)),
            "college": round(total * rng.uniform(0.12, 0.45)),
            "mobile": total if mobile_all else round(total * rng.uniform(0.0, 0.15)),
        }

    def org(
        self,
        t: _Township,
        org_id: str,
        name: str,
        level: str,
        sector: str,
        total: int,
        village: _Village | None = None,
        parent: str | None = None,
        committee_size: int = 0,
        surnames: tuple[str, ...] = (),
        mobile_all: bool = False,
    ) -> _Org:
        rng = self.rng
        stats = self.member_stats(total, mobile_all)
        size = committee_size or (3 if total < 20 else rng.choice((3, 5)))
        people = self.names.people(size, surnames)
        roles = {"党委": COMMITTEE_ROLES_PARTY_COMMITTEE, "党总支": COMMITTEE_ROLES_GENERAL}.get(
            level, COMMITTEE_ROLES
        )[:size]
        groups = 0 if total < 12 else max(1, round(total / 12))
        org = _Org(
            self.claim(org_id),
            name,
            level,
            sector,
            parent,
            village,
            committee=list(zip(roles, people, strict=False)),
            party_groups=groups,
            **stats,
        )
        t.orgs.append(org)
        return org

    def build_orgs(self, t: _Township) -> None:
        rng = self.rng
        spec = self.spec
        top = self.org(
            t, t.committee_id, f"中共{t.name}委员会", "党委", "农村", 100, committee_size=7
        )
        general_count = max(1, spec.villages // 5)  # villages large enough for a 党总支
        for i, village in enumerate(t.villages):
            sector = "社区" if village.kind == "社区" else "农村"
            if i >= len(t.villages) - general_count:
                totals = [rng.randint(26, 45), rng.randint(26, 45)]  # a 党总支 has 51–99 members
                general = self.org(
                    t,
                    f"{village.id}-dangzongzhi",
                    f"{village.name}党总支",
                    "党总支",
                    sector,
                    sum(totals),
                    village,
                    top.id,
                    committee_size=5,
                    surnames=village.surnames,
                )
                for (ordinal, ordinal_id), child_total in zip(ORDINALS, totals, strict=False):
                    child = self.org(
                        t,
                        f"{village.id}-{ordinal_id}-dangzhibu",
                        f"{village.name}{ordinal}党支部",
                        "党支部",
                        sector,
                        child_total,
                        village,
                        general.id,
                        surnames=village.surnames,
                    )
                    general.children.append(child)
                self._sum_members(general)
                head = general
            else:
                head = self.org(
                    t,
                    f"{village.id}-dangzhibu",
                    f"{village.name}党支部",
                    "党支部",
                    sector,
                    rng.randint(12, 48),
                    village,
                    top.id,
                    surnames=village.surnames,
                )
            village.org_id, village.org_name, village.org_level = head.id, head.name, head.level
            village.members, village.secretary = head.total, head.committee[0][1]
            village.groups = rng.randint(5, 18)
        self.org(
            t,
            f"{t.id}-jiguan-diyi-dangzhibu",
            f"{t.name}机关第一党支部",
            "党支部",
            "机关",
            rng.randint(14, 30),
            parent=top.id,
        )
        self.org(
            t,
            f"{t.id}-jiguan-dier-dangzhibu",
            f"{t.name}机关第二党支部",
            "党支部",
            "机关",
            rng.randint(12, 26),
            parent=top.id,
        )
        school = rng.choice([("zhongxin-xuexiao", "中心学校"), ("weishengyuan", "卫生院")])
        self.org(
            t,
            f"{t.id}-{school[0]}-dangzhibu",
            f"{t.name}{school[1]}党支部",
            "党支部",
            "事业单位",
            rng.randint(10, 30),
            parent=top.id,
        )
        self.org(
            t,
            f"{t.id}-liudong-dangzhibu",
            f"{t.name}流动党员党支部",
            "流动党员党支部",
            "农村",
            rng.randint(10, 24),
            parent=top.id,
            mobile_all=True,
        )
        self.org(
            t,
            f"{t.id}-shehui-zuzhi-lianhe-dangzhibu",
            f"{t.name}社会组织联合党支部",
            "联合党支部",
            "社会组织",
            rng.randint(9, 18),
            parent=top.id,
        )
        used: set[str] = set()
        while len(t.orgs) < spec.organizations:
            village = rng.choice(t.villages)
            industry, industry_id = rng.choice(INDUSTRIES)
            slug = f"{village.short_id}-{industry_id}"
            if slug in used:
                continue
            used.add(slug)
            company = f"{t.county}{village.short}{industry}有限公司"
            self.org(
                t,
                f"{t.id}-{slug}-dangzhibu",
                f"{company}党支部",
                "党支部",
                "非公企业",
                rng.randint(8, 26),
                parent=top.id,
            )
        top_children = [o for o in t.orgs if o.parent == top.id]
        top.children = top_children
        self._sum_members(top)

    @staticmethod
    def _sum_members(org: _Org) -> None:
        for key in ("total", "probationary", "female", "under_35", "college", "mobile"):
            setattr(org, key, sum(getattr(child, key) for child in org.children))
        org.party_groups = 0

    # -- records: township, villages, organizations --------------------------

    def write_township(self, t: _Township) -> None:
        rng = self.rng
        lines = [
            f"# {t.name}基本信息（合成测试数据，地名、人名均为虚构）",
            f"id: {t.id}",
            f"name: {q(t.name)}",
            f"county: {q(t.county)}",
            f"party_committee: {q(f'中共{t.name}委员会')}",
            f"site_title: {q(f'{t.name}党建引领基层治理公开平台')}",
            f"office_phone: 0579-8{rng.randint(1000000, 9999999)}",
            "departments:",
        ]
        for key, label in DEPARTMENTS:
            lines += [f"  - id: {t.dept(key)}", f"    name: {q(t.name + label)}"]
        lines.append("disclosure_catalogue:")
        for key, category, title, applies_to, rhythm, due_days, effective in CATALOGUE:
            lines += [
                f"  - key: {key}",
                f"    category: {category}",
                f"    title: {q(title)}",
                f"    applies_to: [{', '.join(applies_to)}]",
                f"    rhythm: {rhythm}",
                f"    due_days: {due_days}",
                f"    effective: {effective}",
            ]
        lines.append("decision_steps:")
        lines += [f"  - {step}" for step in DECISION_STEPS]
        lines += [
            "deliberation_requirement:",
            "  rhythm: 每季度",
            "  times: 1",
            f"  effective: {SYNTH_TODAY.year}-01-01",
            "venue_standards:",
            "  - kind: 行政村",
            "    min_area: 200",
            "  - kind: 社区",
            "    min_area: 300",
            f"    functions: [{', '.join(COMMUNITY_FUNCTIONS)}]",
        ]
        self.writer.write("township", f"townships/{t.id}.yaml", lines)

    def write_village(self, t: _Township, v: _Village) -> None:
        rng = self.rng
        population = rng.randint(900, 4800) if v.kind == "行政村" else rng.randint(3000, 9000)
        households = round(population / rng.uniform(2.8, 3.4))
        director = v.secretary if rng.random() < 0.92 else self.names.person(v.surnames)
        start = _day(rng, 2021, 5, 10, 28)
        end = start.replace(year=2026)
        v.households, v.grids = households, max(3, v.groups // 2 + rng.randint(0, 3))
        lines = [
            f"# {v.name}基本情况（合成测试数据，人名均为虚构）",
            f"id: {v.id}",
            f"name: {q(v.name)}",
            f"kind: {v.kind}",
            f"township: {t.id}",
            f"groups: {v.groups}",
            f"households: {households}",
            f"population: {population}",
            f"grids: {v.grids}",
            "leaders:",
            f"  secretary: {q(v.secretary)}",
            f"  director: {q(director)}",
            "committee_term:",
            f"  start: {start}",
            f"  end: {end}",
            "supervision_committee:",
            f"  size: {rng.choice((3, 3, 5))}",
            f"  term_start: {start}",
            f"  term_end: {end}",
            "# 金额单位：元",
            "collective_economy:",
        ]
        income = rng.randint(60_000_00, 900_000_00)
        for year in (2023, 2024, 2025):
            income = int(income * rng.uniform(1.0, 1.12))
            operating = min(income, max(52_000_00, int(income * rng.uniform(0.25, 0.6))))
            lines += [
                f"  - year: {year}",
                f"    total_income: {yuan(income)}",
                f"    operating_income: {yuan(operating)}",
            ]
        lines.append(f"office_phone: 0579-8{rng.randint(1000000, 9999999)}")
        self.writer.write("village", f"villages/{v.id}.yaml", lines)

    def write_org(self, t: _Township, o: _Org) -> None:
        rng = self.rng
        rural = o.sector in ("农村", "社区")
        if rural:
            start = _day(rng, 2021, 5, 1, 28) if o.level != "党委" else _day(rng, 2021, 7, 1, 28)
            end = start.replace(year=start.year + 5)
        else:
            start = _day(rng, rng.choice((2023, 2024, 2025)), rng.randint(1, 11))
            end = start.replace(year=start.year + 3)
        established = dt.date(
            rng.randint(1950, 2019) if rural else rng.randint(1998, 2020),
            rng.randint(1, 12),
            rng.randint(1, 28),
        )
        if o.level == "流动党员党支部":
            established = start = dt.date(2022, 3, 15)
            end = start.replace(year=2027) if rural else start.replace(year=2025)
        lines = [
            f"# {o.name}（合成测试数据，人名均为虚构）",
            f"id: {o.id}",
            f"name: {q(o.name)}",
            f"level: {o.level}",
            f"sector: {o.sector}",
            f"township: {t.id}",
        ]
        if o.parent:
            lines.append(f"parent: {o.parent}")
        if o.village:
            lines.append(f"village: {o.village.id}")
        lines += [
            f"established: {min(established, start)}",
            "term:",
            f"  start: {start}",
            f"  end: {end}",
            "committee:",
        ]
        for role, name in o.committee:
            lines += [f"  - role: {role}", f"    name: {q(name)}"]
        lines += [
            "members:",
            f"  total: {o.total}",
            f"  probationary: {o.probationary}",
            f"  female: {o.female}",
            f"  under_35: {o.under_35}",
            f"  college: {o.college}",
            f"  mobile: {o.mobile}",
        ]
        if o.party_groups:
            lines.append(f"party_groups: {o.party_groups}")
        if o.village and o.id == o.village.org_id:
            lines.append(f"reserve_cadres: {rng.randint(4, 14)}")
        if o.level != "党委":
            stars = rng.choice((2, 3, 4, 4, 5, 5))
            lines.append("ratings:")
            history = []
            for year in (2023, 2024, 2025):
                history.append(stars)
                lines += [
                    f"  - year: {year}",
                    f"    stars: {stars}",
                    f"    grade: {STAR_GRADES[stars]}",
                ]
                o.stars = stars
                stars = min(5, stars + (rng.random() < 0.5))
            if history[0] == 2:
                started = _day(rng, 2024, rng.randint(2, 4))
                finished = _day(rng, 2025, rng.randint(3, 11))
                o.rectification = started
                lines += [
                    "rectifications:",
                    "  - status: 已销号",
                    f"    started: {started}",
                    f"    finished: {finished}",
                    f"    reason: {q('2023年度分类定级为较差：' + rng.choice(WEAK_REASONS))}",
                ]
        self.writer.write("branch", f"branches/{o.id}.yaml", lines)

    # -- meetings -----------------------------------------------------------

    def write_meetings(self, t: _Township, o: _Org) -> None:
        rng = self.rng
        year = 2025
        meetings: list[tuple[dt.date, int, str, str, int, int]] = []

        def add(day: dt.date, kind: str, topic: str, due: int) -> None:
            absent = rng.randint(0, max(1, due // 8)) if due > 3 else rng.randint(0, 1) * (due > 1)
            meetings.append(
                (day, MEETING_ORDER[kind], kind, topic, due, due - min(absent, due - 1))
            )

        committee = len(o.committee)
        attendees = o.total
        for month in range(1, 13):
            if committee >= 3:
                add(
                    _day(rng, year, month, 2, 8),
                    "支部委员会",
                    COMMITTEE_TOPICS[month - 1],
                    committee,
                )
            add(_day(rng, year, month, 10, 18), "主题党日", THEME_DAYS[month - 1], attendees)
            size = max(1, o.total // max(1, o.party_groups)) if o.party_groups else 0
            for g in range(o.party_groups):
                add(
                    _day(rng, year, month, 19, 27),
                    "党小组会",
                    f"第{CHINESE_NUMBERS[g]}党小组：{rng.choice(GROUP_TOPICS)}",
                    size,
                )
            if month % 3 == 0:
                add(
                    _day(rng, year, month, 20, 28),
                    "支部党员大会",
                    rng.choice(ASSEMBLY_TOPICS[month // 3 - 1]),
                    attendees,
                )
                add(
                    _day(rng, year, month, 20, 28),
                    "党课",
                    f"书记讲党课：{rng.choice(LECTURES)}",
                    attendees,
                )
        add(
            _day(rng, year, 1, 20, 28),
            "组织生活会",
            "召开2024年度组织生活会，开展批评和自我批评",
            attendees,
        )
        add(_day(rng, year, 2, 10, 20), "民主评议党员", "开展2024年度民主评议党员", attendees)
        meetings.sort(key=lambda m: (m[0], m[1]))
        lines = [
            f"# {o.name}{year}年度组织生活记录（合成测试数据）",
            f"id: {o.id}-{year}",
            f"branch: {o.id}",
            f"year: {year}",
            "meetings:",
        ]
        for day, _, kind, topic, due, present in meetings:
            lines += [
                f"  - date: {day}",
                f"    type: {kind}",
                f"    topic: {q(topic)}",
                f"    due: {due}",
                f"    present: {present}",
            ]
        self.writer.write("meetings", f"meetings/{o.id}-{year}.yaml", lines)

    # -- plan and tasks -----------------------------------------------------

    def write_plan_and_tasks(self, t: _Township) -> None:
        rng = self.rng
        plan_id = f"{t.id}-jiceng-2025"
        village_count = len(t.villages)
        lines = [
            f"# {t.name}党委实施方案（合成测试数据）",
            f"id: {plan_id}",
            f"title: {q(f'{t.name}深化“五星三强”基层党组织建设推进党建引领基层治理实施方案')}",
            f"issuer: {q(f'中共{t.name}委员会')}",
            f"doc_number: {q(f'{t.abbreviation}党发〔2025〕{rng.randint(2, 9)}号')}",
            "issued: 2025-02-28",
            f"township: {t.id}",
            "period:",
            "  start: 2025-03-01",
            "  end: 2026-12-31",
            "actions:",
        ]
        for action_id, name, goal in ACTIONS:
            lines += [f"  - id: {action_id}", f"    name: {q(name)}", f"    goal: {q(goal)}"]
        lines.append("targets:")
        for target_id, indicator, comparator, value, unit, metric, *per_unit in TARGETS:
            lines += [
                f"  - id: {target_id}",
                f"    indicator: {q(indicator)}",
                f"    comparator: {q(comparator)}",
                f"    value: {value}",
                f"    unit: {q(unit)}",
                "    deadline: 2025-12-31",
                f"    scope: {q(f'全{t.area}{village_count}个村（社区）')}",
            ]
            if metric:
                lines.append(f"    metric: {metric}")
            lines += [f"    per_unit: {standard}" for standard in per_unit]
        self.writer.write("plan", f"plans/{plan_id}.yaml", lines)

        per_village = (self.spec.tasks - len(TOWNSHIP_TOPICS)) // village_count
        count = 0
        for topic in TOWNSHIP_TOPICS:
            units = [v.id for v in rng.sample(t.villages, min(len(t.villages), rng.randint(3, 6)))]
            self.write_task(t, plan_id, f"{t.id}-{topic[1]}", topic, topic[2], units)
            count += 1
        for village in t.villages:
            for topic in rng.sample(VILLAGE_TOPICS, per_village):
                units = [village.id, village.org_id] if rng.random() < 0.5 else [village.id]
                self.write_task(
                    t, plan_id, f"{village.id}-{topic[1]}", topic, village.name + topic[2], units
                )
                count += 1
        while count < self.spec.tasks:  # remainder when tasks do not divide evenly
            village = t.villages[count % village_count]
            topic = TOWNSHIP_TOPICS[count % len(TOWNSHIP_TOPICS)]
            self.write_task(
                t,
                plan_id,
                f"{village.id}-{topic[1]}-{count}",
                topic,
                village.name + topic[2],
                [village.id],
            )
            count += 1

    def write_task(
        self, t: _Township, plan_id: str, task_id: str, topic, title: str, units: list[str]
    ) -> None:
        rng = self.rng
        action, _, _, content, lead_keys = topic
        roll = rng.random()
        if roll < 0.05:  # planned for next year
            start = _day(rng, 2026, rng.randint(1, 3))
            deadline: dt.date | None = _add_months(start, rng.randint(3, 8))
        else:
            start = dt.date(2025, rng.randint(3, 10), rng.randint(1, 28))
            deadline = None if roll < 0.15 else _add_months(start, rng.randint(2, 10))
        updates: list[tuple[dt.date, int, str, str | None]] = []
        if start > SYNTH_TODAY:
            status, progress = "未启动", 0
        else:
            months = []
            day = dt.date(start.year, start.month, 25)
            if start.day > 25:
                day = _add_months(day, 1)
            while day <= SYNTH_TODAY:
                months.append(day)
                day = _add_months(day, 1)
            finished = deadline is not None and deadline <= SYNTH_TODAY and rng.random() < 0.85
            early = (
                deadline is not None and not finished and len(months) >= 3 and rng.random() < 0.1
            )
            if finished or early:
                last = min(
                    range(len(months)),
                    key=lambda i: abs((months[i] - (deadline or months[-1])).days),
                )
                if not early:
                    assert deadline is not None  # finished: it has one
                    while last > 0 and months[last] > deadline:
                        last -= 1
                months = months[: max(1, last + 1 - rng.randint(0, 1))]
                status, progress = "已完成", 100
            elif rng.random() < 0.03 and len(months) >= 2:
                months = months[: rng.randint(1, len(months) - 1)]
                status, progress = "已取消", None
            else:
                status, progress = "推进中", None
            steps = len(months)
            target = progress if progress == 100 else min(95, 5 * round(rng.uniform(2, 19)))
            values = sorted(
                min(target, max(5, 5 * round(target * (i + 1) / steps / 5))) for i in range(steps)
            )
            values[-1] = target
            for i, (day, value) in enumerate(zip(months, values, strict=True)):
                last_one = i == steps - 1
                if last_one and status == "已完成":
                    note = rng.choice(DONE_NOTES)
                elif last_one and status == "已取消":
                    note = rng.choice(CANCEL_NOTES)
                else:
                    note = rng.choice(PROGRESS_NOTES[min(2, value * 3 // 100)])
                evidence = rng.choice(EVIDENCE) if last_one or rng.random() < 0.2 else None
                updates.append((day, value, note, evidence))
            progress = values[-1]
        lines = [
            f"# {title}（合成测试数据）",
            f"id: {task_id}",
            f"plan: {plan_id}",
            f"action: {action}",
            f"title: {q(title)}",
            f"content: {q(content)}",
            "lead_units:",
        ]
        lines += [f"  - {t.dept(key)}" for key in lead_keys]
        lines.append("responsible_units:")
        lines += [f"  - {unit}" for unit in units]
        lines += [
            f"start: {start}",
            f"deadline: {deadline if deadline else '长期坚持'}",
            f"status: {status}",
            f"progress: {progress}",
        ]
        if updates:
            lines.append("updates:")
            for day, value, note, evidence in updates:
                lines += [f"  - date: {day}", f"    progress: {value}", f"    note: {q(note)}"]
                if evidence:
                    lines.append(f"    evidence: {q(evidence)}")
        if deadline and rng.random() < 0.3:
            plan_day = _add_months(start, 1)
            lines += [
                "milestones:",
                f"  - date: {plan_day}",
                "    title: 制定工作方案",
                f"    done: {'true' if plan_day <= SYNTH_TODAY and status != '未启动' else 'false'}",
                f"  - date: {deadline}",
                "    title: 完成验收",
                f"    done: {'true' if status == '已完成' else 'false'}",
            ]
        self.writer.write("task", f"tasks/{plan_id}/{task_id}.yaml", lines)

    # -- disclosures --------------------------------------------------------

    def disclosure(
        self,
        record_id: str,
        category: str,
        item: str,
        subject: str,
        period: str,
        title: str,
        published: dt.date,
        review: list[str],
        items: list[tuple[str, str]],
        extra: list[str] | None = None,
        corrected: bool = False,
    ) -> None:
        rng = self.rng
        lines = [
            f"# {title}（合成测试数据，人名均为虚构）",
            f"id: {record_id}",
            f"category: {category}",
            f"item: {q(item)}",
            f"subject: {subject}",
            f"period: {period}",
            f"title: {q(title)}",
            f"published: {published}",
            "review:",
        ]
        back = [rng.randint(5, 7), rng.randint(3, 4), rng.randint(1, 2)]
        for step, by, days in zip(("提出", "审核", "审批"), review, back, strict=False):
            lines += [
                f"  - step: {step}",
                f"    by: {q(by)}",
                f"    date: {published - dt.timedelta(days=days)}",
            ]
        lines.append("items:")
        for item_title, content in items:
            lines += [f"  - title: {q(item_title)}", f"    content: {q(content)}"]
        lines += extra or []
        if corrected:
            day = min(SYNTH_TODAY, published + dt.timedelta(days=rng.randint(2, 20)))
            lines += [
                "corrections:",
                f"  - date: {day}",
                f"    reason: {q(rng.choice(CORRECTION_REASONS))}",
            ]
        self.writer.write("disclosure", f"disclosures/{published.year}/{record_id}.yaml", lines)

    def write_disclosures(self, t: _Township) -> None:
        rng = self.rng
        finance_office, civil_office = f"{t.name}财政所", f"{t.name}民政办"
        for v in t.villages:
            committee = f"{v.name}{'居民委员会' if v.kind == '社区' else '村民委员会'}"
            supervision = f"{v.name}{'居务' if v.kind == '社区' else '村务'}监督委员会"
            cooperative = f"{v.name}股份经济合作社"
            # 财务: monthly, the closing of one month is the opening of the next
            balance = rng.randint(80_000_00, 600_000_00)
            for year, month in [(2024, 12)] + [(2025, m) for m in range(1, 12)]:
                published = _day(rng, year + (month == 12), month % 12 + 1, 8, 15)
                income = [
                    (name, rng.randint(lo, hi))
                    for name, lo, hi in rng.sample(INCOME_LINES, rng.randint(2, 4))
                ]
                expense = [
                    (name, rng.randint(lo, hi))
                    for name, lo, hi in rng.sample(EXPENSE_LINES, rng.randint(3, 6))
                ]
                total_in, total_out = sum(a for _, a in income), sum(a for _, a in expense)
                while balance + total_in - total_out < 20_000_00:
                    expense = [(name, amount // 2) for name, amount in expense]
                    total_out = sum(a for _, a in expense)
                closing = balance + total_in - total_out
                extra = [
                    "# 期末余额 = 期初余额 + 收入合计 − 支出合计（单位：元）",
                    "finance:",
                    f"  opening: {yuan(balance)}",
                    "  income:",
                ]
                for name, amount in income:
                    extra += [f"    - item: {q(name)}", f"      amount: {yuan(amount)}"]
                extra.append("  expense:")
                for name, amount in expense:
                    extra += [f"    - item: {q(name)}", f"      amount: {yuan(amount)}"]
                extra.append(f"  closing: {yuan(closing)}")
                if rng.random() < 0.3:
                    extra += ["attachments:", "  - title: 记账凭证汇总表"]
                period = f"{year}-{month:02d}"
                self.disclosure(
                    f"{v.id}-caiwu-{period}",
                    "财务",
                    "caiwu-yuedu",
                    v.id,
                    period,
                    f"{v.name}{year}年{month}月财务收支公开",
                    published,
                    [cooperative, supervision, finance_office],
                    [
                        (
                            "收支概况",
                            f"本月收入合计{yuan(total_in)}元，支出合计{yuan(total_out)}元，"
                            f"月末结余{yuan(closing)}元。",
                        ),
                        ("监督方式", "对公开内容有疑问的，可向村务监督委员会反映。"),
                    ],
                    extra,
                    corrected=rng.random() < 0.03,
                )
                balance = closing
            # 村务: quarterly
            for year, quarter in [(2024, 4), (2025, 1), (2025, 2), (2025, 3)]:
                published = _day(rng, year + (quarter == 4), (quarter * 3) % 12 + 1, 8, 15)
                picked = rng.sample(VILLAGE_AFFAIRS, 3)
                self.disclosure(
                    f"{v.id}-cunwu-{year}-q{quarter}",
                    "村务",
                    "cunwu-jidu",
                    v.id,
                    f"{year}-Q{quarter}",
                    f"{v.name}{year}年第{CHINESE_NUMBERS[quarter - 1]}季度村务公开",
                    published,
                    [committee, supervision, v.org_name],
                    [
                        (title, text.format(n=rng.randint(2, 60), m=rng.randint(100, 1500)))
                        for title, text in picked
                    ],
                )
            # 党务: half-yearly, published by the village's party organization
            for year, half in [(2024, 2), (2025, 1)]:
                published = _day(rng, year + (half == 2), 1 if half == 2 else 7, 5, 15)
                self.disclosure(
                    f"{v.org_id}-dangwu-{year}-h{half}",
                    "党务",
                    "dangwu-bannian",
                    v.org_id,
                    f"{year}-H{half}",
                    f"{v.org_name}{year}年{'上' if half == 1 else '下'}半年党务公开",
                    published,
                    [f"{v.org_name}委员会", f"{t.name}党建办", f"中共{t.name}委员会"],
                    [
                        (
                            "组织生活",
                            "半年召开支部党员大会2次、支部委员会6次、党课2次，开展主题党日6次。",
                        ),
                        (
                            "党员队伍",
                            f"现有党员{v.members}名，半年发展预备党员{rng.randint(0, 2)}名。",
                        ),
                        (
                            "党费收缴",
                            f"半年应交党费党员{v.members}名，实交{v.members}名，"
                            f"收缴党费合计{yuan(v.members * rng.randint(120_00, 200_00))}元。",
                        ),
                    ],
                )
            self.write_decision(t, v, committee, supervision)
            self.write_relief(t, v, committee, supervision, civil_office)
        # the township's own party affairs
        top = t.orgs[0]
        published = _day(rng, 2025, 7, 5, 15)
        self.disclosure(
            f"{top.id}-dangwu-2025-h1",
            "党务",
            "dangwu-bannian",
            top.id,
            "2025-H1",
            f"{t.name}党委2025年上半年党务公开",
            published,
            [f"{t.name}党建办", f"{t.name}纪委", top.name],
            [
                ("党员队伍", f"全{t.area}共有党员{top.total}名，其中女党员{top.female}名。"),
                ("组织建设", f"全{t.area}共有基层党组织{len(t.orgs) - 1}个。"),
            ],
        )
        five = [o.name for o in t.orgs if o.stars == 5]
        self.disclosure(
            f"{top.id}-xingji-pingding-2025",
            "党务",
            "xingji",
            top.id,
            "2025",
            f"{t.name}2025年度基层党组织星级评定结果公示",
            _day(rng, 2025, 12, 20, 26),
            [f"{t.name}党建办", f"{t.name}纪委", top.name],
            [
                (f"五星级党组织（{len(five)}个）", "、".join(five) + "。"),
                ("监督方式", "公示期7天，对评定结果有异议的，可向镇纪委反映。"),
            ],
        )

    # -- findings (问题清单、整改清单) ---------------------------------------

    def write_findings(self, t: _Township) -> None:
        """Four findings: one of a 软弱涣散 整顿 (or a 评议) closed, one overdue from 群众反映,
        one open and not yet due, one of a department closed after a 巡察 or 上级督查.

        From a random generator of their own, so that the rest of the world does not change with them."""
        rng = random.Random(f"synth:{self.seed}:findings:{t.id}")
        villages = rng.sample(t.villages, 3)
        rectified = [o for o in t.orgs if o.rectification and o.village]
        found: dt.date
        if rectified:
            org = rng.choice(rectified)
            assert org.rectification is not None  # the rectified ones
            found = org.rectification
            problem, measure = rng.choice(RECTIFICATION_FINDINGS)
            year = found.year
        else:
            org = next(o for o in t.orgs if o.id == villages[0].org_id)
            found = _day(rng, 2025, rng.randint(1, 3))
            problem, measure = rng.choice(REVIEW_FINDINGS)
            year = None
        deadline = found + dt.timedelta(days=rng.randint(180, 300))
        self.write_finding(
            rng,
            org.id,
            problem,
            "评议",
            found,
            measure,
            org.committee[0][1],
            deadline,
            closed=deadline - dt.timedelta(days=rng.randint(0, 30)),
            rectification=year,
        )
        found = _day(rng, 2025, rng.randint(6, 9))
        problem, measure = rng.choice(RESIDENT_FINDINGS)
        self.write_finding(
            rng,
            villages[1].id,
            problem,
            "群众反映",
            found,
            measure,
            villages[1].secretary,
            found + dt.timedelta(days=rng.randint(30, 60)),
        )
        found = _day(rng, 2025, 11)
        problem, measure = rng.choice(SELF_FINDINGS)
        self.write_finding(
            rng,
            villages[2].id,
            problem,
            "自查",
            found,
            measure,
            villages[2].secretary,
            _day(rng, 2026, rng.randint(2, 5)),
        )
        found = _day(rng, 2025, rng.randint(3, 7))
        key, problem, measure = rng.choice(DEPARTMENT_FINDINGS)
        deadline = found + dt.timedelta(days=rng.randint(60, 120))
        organizer = next(name for role, name in t.orgs[0].committee if role == "组织委员")
        self.write_finding(
            rng,
            t.dept(key),
            problem,
            rng.choice(("巡察", "上级督查")),
            found,
            measure,
            organizer,
            deadline,
            closed=deadline - dt.timedelta(days=rng.randint(1, 20)),
        )

    def write_finding(
        self,
        rng: random.Random,
        unit: str,
        problem: str,
        source: str,
        found: dt.date,
        measure: str,
        responsible: str,
        deadline: dt.date,
        closed: dt.date | None = None,
        rectification: int | None = None,
    ) -> None:
        finding_id = f"{unit}-{found:%Y%m%d}-zhenggai"
        lines = [
            f"# 问题整改，来源：{source}（合成测试数据，人名均为虚构）",
            f"id: {finding_id}",
            f"unit: {unit}",
            f"problem: {q(problem)}",
            f"source: {source}",
            f"found: {found}",
            f"measure: {q(measure)}",
            f"responsible: {q(responsible)}",
            f"deadline: {deadline}",
            f"status: {'已销号' if closed else '整改中'}",
        ]
        if closed:
            lines += [f"closed: {closed}", f"evidence: {q(rng.choice(CLOSING_EVIDENCE))}"]
        if rectification:
            lines.append(f"branch_rectification: {rectification}")
        last = min(closed or SYNTH_TODAY, SYNTH_TODAY)
        if (last - found).days > 20:
            lines += [
                "progress:",
                f"  - date: {found + dt.timedelta(days=rng.randint(7, (last - found).days))}",
                f"    note: {q(rng.choice(FINDING_PROGRESS))}",
            ]
        self.writer.write("finding", f"findings/{finding_id}.yaml", lines)

    def write_decision(self, t: _Township, v: _Village, committee: str, supervision: str) -> None:
        rng = self.rng
        project, slug, detail = rng.choice(PROJECTS)
        first = dt.date(2025, rng.randint(3, 6), rng.randint(1, 20))
        offsets = [0, rng.randint(2, 5), rng.randint(4, 8), rng.randint(4, 8), 1]
        days = []
        day = first
        for offset in offsets:
            day += dt.timedelta(days=offset)
            days.append(day)
        published = min(
            SYNTH_TODAY - dt.timedelta(days=3), days[-1] + dt.timedelta(days=rng.randint(60, 150))
        )
        days.append(published)
        cost = rng.randint(80_000_00, 600_000_00)
        subsidy = cost * rng.randint(5, 8) // 10 // 100 * 100
        due_members = v.members
        notes = [
            "村党组织根据群众意见提出初步方案。",
            "村“两委”联席会议商议，形成实施方案。",
            f"应到党员{due_members}人，实到{due_members - rng.randint(1, 6)}人，全票通过。",
            f"应到村民代表{rng.randint(35, 60)}人，到会代表过半数同意。",
            "决议在村务公开栏和网上公开平台公开7天，无异议。",
            "工程完工验收后公开实施结果和资金使用情况。",
        ]
        extra = ["decision:"]
        for step, day, note in zip(DECISION_STEPS, days, notes, strict=False):
            extra += [f"  - step: {step}", f"    date: {day}", f"    note: {q(note)}"]
        extra += ["attachments:", "  - title: 村民代表会议决议", "  - title: 工程验收记录"]
        title = f"{v.name}{project}“四议两公开”实施情况公开"
        self.disclosure(
            f"{v.id}-{slug}-siyi-liangkai",
            "村务",
            "siyi-liangkai",
            v.id,
            str(days[3]),
            title,
            published,
            [committee, supervision, v.org_name],
            [
                ("事项", detail),
                (
                    "资金",
                    f"工程总价{yuan(cost)}元，其中上级补助{yuan(subsidy)}元，"
                    f"村集体出资{yuan(cost - subsidy)}元。",
                ),
                ("实施结果", "工程已完工，经镇村联合验收合格，结算价经审计确认。"),
            ],
            extra,
        )

    def write_relief(
        self, t: _Township, v: _Village, committee: str, supervision: str, office: str
    ) -> None:
        rng = self.rng
        extra = ["beneficiaries:"]
        for _ in range(rng.randint(3, 8)):
            persons = rng.randint(1, 3)
            extra += [
                f"  - name: {q(self.names.person(v.surnames))}",
                f"    benefit: 最低生活保障（{persons}人）",
                f"    amount: {yuan(persons * 1180_00)}",
            ]
        self.disclosure(
            f"{v.id}-dibao-2025-q4",
            "村务",
            "dibao",
            v.id,
            "2025-Q4",
            f"{v.name}2025年第四季度最低生活保障对象公示",
            _day(rng, 2025, 10, 5, 12),
            [committee, supervision, office],
            [
                (
                    "保障标准",
                    "2025年本县最低生活保障标准为每人每月1180元，表中金额为每户每月保障金。",
                ),
                ("监督方式", "公示期7天，对公示对象有异议的，可向村务监督委员会或镇民政办反映。"),
            ],
            extra,
        )

    # -- 两新组织, pledges, grids -----------------------------------------------

    def write_new_orgs(self, t: _Township, rng: random.Random) -> None:
        """Each company with a branch of its own, and others covered jointly, by an instructor, or not at all."""
        names = _Names(rng)
        for o in t.orgs:
            if o.sector == "非公企业":
                company = o.name.removesuffix("党支部")
                self.new_org(
                    t,
                    o.id.removesuffix("-dangzhibu"),
                    company,
                    "非公企业",
                    rng.choice(INDUSTRIES)[0],
                    None,
                    o.total * rng.randint(3, 9),
                    o.total,
                    "单独组建",
                    branch=o.id,
                )
        joint = f"{t.id}-shehui-zuzhi-lianhe-dangzhibu"
        for n, (suffix, kind, sector, coverage) in enumerate(OTHER_NEW_ORGS):
            village = t.villages[(n * 7) % len(t.villages)]
            members = rng.randint(3, 4) if coverage == "联合组建" else rng.randint(0, 2)
            branch = joint if coverage == "联合组建" else None
            instructor = names.person() if coverage == "选派党建指导员" else None
            self.new_org(
                t,
                f"{t.id}-{village.short_id}-xinzuzhi-{n + 1}",
                f"{t.name}{village.short}{suffix}",
                kind,
                sector,
                village,
                members + rng.randint(4, 40),
                members,
                coverage,
                branch,
                instructor,
            )

    def new_org(
        self,
        t: _Township,
        org_id: str,
        name: str,
        kind: str,
        sector: str,
        village: _Village | None,
        staff: int,
        members: int,
        coverage: str,
        branch: str | None = None,
        instructor: str | None = None,
    ) -> None:
        lines = [
            f"# {name}（合成测试数据）",
            f"id: {org_id}",
            f"name: {q(name)}",
            f"kind: {kind}",
            f"sector: {q(sector)}",
            f"township: {t.id}",
        ]
        if village:
            lines.append(f"village: {village.id}")
        lines += [f"staff: {staff}", f"party_members: {members}", f"coverage: {coverage}"]
        if branch:
            lines.append(f"branch: {branch}")
        if instructor:
            lines.append(f"instructor: {q(instructor)}")
        lines.append("year: 2025")
        self.writer.write("new_org", f"new-orgs/{org_id}.yaml", lines)

    def write_pledges(self, t: _Township, rng: random.Random) -> None:
        """The 2025 pledges of every village's party organization; about half reviewed in December."""
        for v in t.villages:
            lines = [
                f"# {v.org_name}2025年承诺践诺评诺（合成测试数据）",
                f"id: {v.org_id}-2025",
                f"branch: {v.org_id}",
                "year: 2025",
                "items:",
            ]
            for promise, progress in rng.sample(PLEDGES, 3):
                status = rng.choice(("已兑现", "已兑现", "推进中", "未兑现"))
                lines += [
                    f"  - promise: {q(v.name + promise)}",
                    f"    deadline: {_day(rng, 2025, rng.randint(6, 12))}",
                ]
                if status != "未兑现":
                    lines.append(f"    progress: {q(progress)}")
                lines.append(f"    status: {status}")
            if rng.random() < 0.5:
                lines += [
                    "review:",
                    f"  date: {_day(rng, 2025, 12, 15, 28)}",
                    f"  result: {rng.choice(('好', '较好', '较好', '一般'))}",
                    "  by: 党员大会和村民代表",
                ]
            self.writer.write("pledge", f"pledges/{v.org_id}-2025.yaml", lines)

    def write_trainings(self, t: _Township, rng: random.Random) -> None:
        """A year of training: the township's secretaries and committees each quarter (now and then
        one missed), and a winter training of members; counts only, within each organisation's."""
        heads = [o for o in t.orgs if o.village is not None and o.id == o.village.org_id]
        quarters = [q for q in range(1, 5) if rng.random() < 0.85]
        for q in quarters:
            rows = [
                (o.id, rng.randint(max(1, len(o.committee) - 1), len(o.committee))) for o in heads
            ]
            self.write_training(
                t,
                f"{t.id}-2025-q{q}-shuji",
                _day(rng, 2025, q * 3 - 1),
                "书记和班子成员",
                "基层党组织书记和班子成员业务培训",
                rng.choice((8, 16)),
                rows,
            )
        rows = [(o.id, round(o.total * rng.uniform(0.7, 0.95)) or 1) for o in heads]
        self.write_training(
            t, f"{t.id}-2025-dongxun", _day(rng, 2025, 1), "党员", "农村党员冬训", 24, rows
        )

    def write_appraisals(self, t: _Township, rng: random.Random) -> None:
        """The secretaries' reports on 2025 in December: most village organisations, rated."""
        for v in t.villages:
            if rng.random() < 0.1:
                continue
            lines = [
                f"# {v.org_name}2025年述职评议（合成测试数据）",
                f"id: {v.org_id}-2025",
                f"branch: {v.org_id}",
                "year: 2025",
                f"date: {_day(rng, 2025, 12, 15, 28)}",
                f"reporter: {q(v.secretary)}",
                f"heard_by: {q(f'{t.name}党委抓基层党建工作述职评议会议')}",
                f"rating: {rng.choice(('好', '较好', '较好', '一般'))}",
                f"satisfaction: {rng.randint(800, 995) / 10}",
            ]
            self.writer.write("appraisal", f"appraisals/{v.org_id}-2025.yaml", lines)

    def write_recruitment(self, t: _Township, rng: random.Random) -> None:
        """Member development of 2023-2025 for most village organisations, some years without any
        (a few organisations then have no new member in three years)."""
        stages = ("applicants", "activists", "candidates", "admitted", "confirmed")
        for v in t.villages:
            admitted_before = 0
            for year in (2023, 2024, 2025):
                if rng.random() < 0.35:
                    admitted_before = 0
                    continue
                admitted = rng.randint(0, 2)
                counts = [admitted + rng.randint(2, 4), admitted + rng.randint(1, 2)]
                counts += [admitted + rng.randint(0, 1), admitted, min(admitted_before, 2)]
                lines = [
                    f"# {v.org_name}{year}年发展党员情况（合成测试数据）",
                    f"id: {v.org_id}-{year}",
                    f"branch: {v.org_id}",
                    f"year: {year}",
                ]
                for key, total in zip(stages, counts, strict=True):
                    lines += [
                        f"{key}:",
                        f"  total: {total}",
                        f"  under_35: {rng.randint(0, total)}",
                    ]
                self.writer.write("recruitment", f"recruitment/{v.org_id}-{year}.yaml", lines)
                admitted_before = admitted

    def write_points(self, t: _Township, rng: random.Random) -> None:
        """党员积分 of the year for most village organisations: counts, an average and the
        grades, never a member's score; now and then not every member scored."""
        year = SYNTH_TODAY.year
        for v in t.villages:
            if rng.random() < 0.15:
                continue
            scored = v.members - (rng.randint(1, 3) if rng.random() < 0.2 else 0)
            excellent = max(1, scored * rng.randint(10, 20) // 100)
            basic, unqualified = rng.randint(0, 2), int(rng.random() < 0.3)
            lines = [
                f"# {v.org_name}{year}年党员积分（合成测试数据）",
                f"id: {v.org_id}-{year}",
                f"branch: {v.org_id}",
                f"year: {year}",
                f"scored: {scored}",
                f"average: {rng.randint(850, 950) / 10}",
                "grades:",
                f"  excellent: {excellent}",
                f"  qualified: {scored - excellent - basic - unqualified}",
                f"  basic: {basic}",
                f"  unqualified: {unqualified}",
                f"published: {_day(rng, year, 12, 20, 30)}",
            ]
            self.writer.write("member_points", f"points/{v.org_id}-{year}.yaml", lines)

    def write_training(
        self,
        t: _Township,
        training_id: str,
        date: dt.date,
        audience: str,
        topic: str,
        hours: int,
        rows: list[tuple[str, int]],
    ) -> None:
        lines = [
            f"# {t.name}{topic}（合成测试数据）",
            f"id: {training_id}",
            f"township: {t.id}",
            f"organiser: {q(f'{t.name}党委')}",
            "level: 镇级",
            f"date: {date}",
            f"topic: {q(topic)}",
            f"hours: {hours}",
            f"audience: {audience}",
            "attendance:",
        ]
        for org_id, present in rows:
            lines += [f"  - branch: {org_id}", f"    present: {present}"]
        self.writer.write("training", f"trainings/{training_id}.yaml", lines)

    def write_grids(self, t: _Township, rng: random.Random) -> None:
        """Every grid of the first villages of a township: their count as the village's, households within it."""
        names = _Names(rng)
        for v in t.villages[:GRID_VILLAGES]:
            per_grid = v.households // v.grids
            for n in range(1, v.grids + 1):
                leader, *members = names.people(rng.randint(2, 3), v.surnames)
                lines = [
                    f"# {v.name}第{n}网格（合成测试数据，人名均为虚构）",
                    f"id: {v.id}-wangge-{n}",
                    f"village: {v.id}",
                    f"name: 第{n}网格",
                    f"leader: {q(leader)}",
                    "members:",
                    *[f"  - {q(m)}" for m in members],
                    f"households: {per_grid - rng.randint(0, per_grid // 10)}",
                    f"party_members: {max(1, v.members // v.grids)}",
                ]
                self.writer.write("grid", f"grids/{v.id}-wangge-{n}.yaml", lines)

    def write_deliberations(self, t: _Township, rng: random.Random) -> None:
        """A deliberation meeting (议事协商) a quarter in every village; every seventh village
        skips the second quarter, so the rhythm has villages that fall short."""
        year = SYNTH_TODAY.year
        for i, v in enumerate(t.villages):
            quarters = [1, 3, 4] if i % 7 == 6 else [1, 2, 3, 4]
            for n, quarter in enumerate(quarters, 1):
                kind, topic, outcome = DELIBERATIONS[(quarter + i) % len(DELIBERATIONS)]
                day = _day(rng, year, quarter * 3 - rng.randint(0, 2))
                lines = [
                    f"# {v.name}议事协商（合成测试数据）",
                    f"id: {v.id}-yishi-{year}-{n}",
                    f"village: {v.id}",
                    f"kind: {kind}",
                    f"date: {day.isoformat()}",
                    f"topic: {q(topic)}",
                    f"participants: {rng.randint(15, 60)}",
                    f"outcome: {q(outcome)}",
                ]
                self.writer.write(
                    "deliberation", f"deliberations/{v.id}-yishi-{year}-{n}.yaml", lines
                )

    def write_venues(self, t: _Township, rng: random.Random) -> None:
        """A venue (阵地) for every village: some below the area standard, some communities
        without one of the six stations and a platform."""
        for v in t.villages:
            community = v.kind == "社区"
            functions = (
                COMMUNITY_FUNCTIONS[: len(COMMUNITY_FUNCTIONS) - rng.randint(0, 1)]
                if community
                else VILLAGE_FUNCTIONS[: rng.randint(2, len(VILLAGE_FUNCTIONS))]
            )
            area = rng.randint(260, 600) if community else rng.randint(150, 400)
            lines = [
                f"# {v.name}活动阵地（合成测试数据）",
                f"id: {v.id}-zhendi",
                f"village: {v.id}",
                f"name: {q(v.name + '党群服务中心')}",
                f"area: {area}",
                "functions:",
                *[f"  - {f}" for f in functions],
                "opening_hours: 周一至周五 8:30-17:30",
                f"address: {q(t.name + v.name + '中心路' + str(rng.randint(1, 99)) + '号')}",
            ]
            self.writer.write("venue", f"venues/{v.id}-zhendi.yaml", lines)

    def write_oversight(self, t: _Township, rng: random.Random) -> None:
        """A year of the supervision committee's work in every village: the 两委 meetings of
        each quarter, the chair missing one now and then, a review and a matter raised."""
        year = SYNTH_TODAY.year
        for v in t.villages:
            lines = [
                f"# {v.name}村务监督工作记录（合成测试数据）",
                f"id: {v.id}-{year}",
                f"village: {v.id}",
                f"year: {year}",
                "meetings:",
            ]
            for quarter in range(1, 5):
                lines += [
                    f"  - date: {_day(rng, year, quarter * 3 - 1).isoformat()}",
                    f"    topic: 研究第{'一二三四'[quarter - 1]}季度重点工作",
                    f"    chair_attended: {'false' if rng.random() < 0.05 else 'true'}",
                ]
            lines += [
                "reviews:",
                f"  - date: {_day(rng, year, 7).isoformat()}",
                "    item: 上半年财务收支",
                "    result: 同意",
                "matters:",
                f"  - date: {_day(rng, year, 9).isoformat()}",
                "    matter: 建议集体经济项目收益单列公开",
                f"    status: {rng.choice(['已办结', '办理中'])}",
            ]
            self.writer.write("oversight_log", f"oversight/{v.id}-{year}.yaml", lines)


# ---------------------------------------------------------------------------
# text pools

COMMUNITY_FUNCTIONS = (
    "党员服务站",
    "便民服务站",
    "文体活动站",
    "卫生服务站",
    "综治维稳站",
    "社会保障服务站",
    "网上服务平台",
)
VILLAGE_FUNCTIONS = ("党员活动室", "便民服务站", "文化活动室", "农家书屋")

# (kind, topic, outcome) of a village's deliberation meetings
DELIBERATIONS = [
    ("议事协商会", "年度为民办实事项目", "议定为民办实事项目，会后张榜公示"),
    ("民主恳谈会", "人居环境整治", "议定分片包干和党员责任区"),
    ("民主听证会", "村道硬化工程方案", "听取群众意见，修改方案后提交村民代表会议表决"),
    ("民情沟通日", "群众反映的急难愁盼问题", "逐条明确责任人和办理时限"),
    ("民主议事会", "集体经济收益分配", "议定收益分配方案，提交村民代表会议表决"),
]

GRID_VILLAGES = 3  # villages per township whose grids are written
# 两新组织 besides the companies with a branch of their own: (name after the place, kind, sector, coverage)
OTHER_NEW_ORGS = [
    ("养老服务中心", "社会组织", "养老服务", "联合组建"),
    ("社会工作服务站", "社会组织", "社会工作服务", "联合组建"),
    ("乡贤联谊会", "社会组织", "联谊交流", "选派党建指导员"),
    ("农产品电子商务有限公司", "非公企业", "电子商务", "选派党建指导员"),
    ("建材厂", "非公企业", "建材", "未覆盖"),
]
# (promise after the village's name, how it was kept)
PLEDGES = [
    ("机耕路硬化", "履行“四议两公开”程序后开工，已完工验收。"),
    ("村集体经营性收入增长10%以上", "盘活闲置厂房出租，经营性收入比上年增长。"),
    ("每月开展党员联户走访", "每月组织党员走访联系户，收集的意见建议逐条办理。"),
    ("山塘清淤加固", "汛前完成清淤加固，汛期运行正常。"),
    ("村道路灯亮化", "在主干道安装太阳能路灯，夜间出行更方便。"),
    ("建成居家养老服务站", "完成场地改造，配备服务人员，已开门服务。"),
    ("垃圾分类收集点建设", "新建分类收集点，配齐分类收集设施。"),
]

WEAK_REASONS = [
    "班子凝聚力不强，组织生活不规范",
    "集体经济薄弱，为民办事能力不足",
    "党员教育管理松散，发展党员工作滞后",
    "矛盾纠纷较多，化解不及时",
]
CHINESE_NUMBERS = "一二三四五六七八九十"
MEETING_ORDER = {
    "支部委员会": 0,
    "支部党员大会": 1,
    "党小组会": 2,
    "党课": 3,
    "主题党日": 4,
    "组织生活会": 5,
    "民主评议党员": 6,
}
COMMITTEE_TOPICS = [
    "研究年度工作计划，部署春节走访慰问",
    "研究年度组织生活会和民主评议党员安排",
    "部署春季植树和环境整治",
    "研究入党积极分子培养考察",
    "研究防汛准备和安全生产",
    "研究“七一”表彰和党员发展",
    "研究防汛救灾和夏季安全",
    "研究下半年重点工作",
    "研究秋季环境整治和产业项目",
    "研究重阳敬老和冬季安全",
    "研究年度党费收缴和党建述职",
    "研究年度工作总结和星级评定",
]
THEME_DAYS = [
    "冬春走访慰问困难群众和老党员",
    "学习新修订的党内法规",
    "学雷锋志愿服务",
    "清明祭英烈，缅怀革命先烈",
    "青年党员座谈交流",
    "防汛安全宣传进农户",
    "庆祝建党104周年，重温入党誓词",
    "走访慰问退役军人",
    "村庄环境整治志愿服务",
    "重阳节敬老助老",
    "冬季消防安全排查",
    "年度党员积分评定",
]
GROUP_TOPICS = [
    "学习传达支部工作安排",
    "收集群众意见建议",
    "开展党员联户走访",
    "学习党章党规",
    "交流网格服务情况",
    "讨论党员积分情况",
]
ASSEMBLY_TOPICS = [
    ["审议年度工作计划", "讨论确定入党积极分子"],
    ["学习党的创新理论，通报上半年党费收缴", "讨论发展对象"],
    ["通报前三季度工作，讨论预备党员转正", "学习基层治理有关文件"],
    ["审议年度工作总结", "开展年度党员积分评定"],
]
LECTURES = [
    "发挥党员先锋模范作用",
    "学习贯彻党的二十大精神",
    "党建引领基层治理",
    "严守纪律规矩",
    "践行全心全意为人民服务宗旨",
    "弘扬优良作风，密切联系群众",
]

ACTIONS = [
    (
        "huanjie",
        "高质量换届行动",
        "做好2026年村（社区）“两委”换届准备，选优配强班子，巩固书记主任“一肩挑”成果。",
    ),
    (
        "zhuwang",
        "筑网强基行动",
        "健全“村党组织—网格党支部（党小组）—党员中心户”组织体系，推动两新组织党的组织和工作全覆盖。",
    ),
    (
        "xianfeng",
        "先锋创建行动",
        "深化“五星三强”争创，规范“三会一课”和主题党日，整顿软弱涣散党组织。",
    ),
    ("suzhi", "素质提升行动", "对村（社区）“两委”成员开展全覆盖培训，实施头雁领航“师带徒”。"),
    (
        "yangguang",
        "阳光村务行动",
        "全面推行村级小微权力清单，严格落实“四议两公开”，按时规范公开党务、村务、财务。",
    ),
    ("baozhang", "保障落实行动", "实施集体经济消薄增收，落实党建工作经费和村级阵地保障。"),
]
TARGETS: list[tuple[str, ...]] = [
    ("wuxing-bili", "五星级党组织比例", "≥", "50", "%", "five_star_share"),
    (
        "yijiantiao",
        "村（社区）党组织书记、村（居）委会主任“一肩挑”比例",
        "≥",
        "100",
        "%",
        "one_shoulder_share",
    ),
    ("jiti-jingji", "村集体经济年收入（每村）", "≥", "50000", "元", "collective_income_each"),
    ("liangxin-fugai", "两新组织党组织覆盖率", "≥", "85", "%", "new_org_coverage"),
    ("houbei-rencai", "村级后备人才与“两委”成员比例", "≥", "2", "倍", "reserve_ratio_each"),
    ("renwu-wancheng", "年度任务完成率", "≥", "80", "%", "task_completion_share"),
]
# The targets of the later record types, as the plans write them (a share of villages reaching a
# standard carries it last, as per_unit): every figure a county computes has a target.
TARGETS += [
    (
        "dangyuan-xueshi",
        "党员年人均培训达到32学时的村（社区）比例",
        "≥",
        "100",
        "%",
        "member_training_hours_share",
        "32",
    ),
    (
        "banzi-xueshi",
        "书记和班子成员年人均集中培训达到56学时的村（社区）比例",
        "≥",
        "100",
        "%",
        "committee_training_hours_share",
        "56",
    ),
    (
        "jidu-peixun",
        "镇党委每季度培训基层党组织书记和班子成员",
        "≥",
        "100",
        "%",
        "secretary_training_quarterly_share",
    ),
    (
        "ganbu-lunxun",
        "村（社区）干部全覆盖轮训比例",
        "≥",
        "100",
        "%",
        "cadre_training_rotation_share",
    ),
    ("shuzhi-mian", "党组织书记述职面", "≥", "100", "%", "secretary_report_share"),
    ("chengnuo-mian", "公开承诺的党组织书记面", "≥", "100", "%", "secretary_pledge_share"),
    (
        "bannian-ganbu-peixun",
        "镇党委每半年培训其他村、社区干部",
        "≥",
        "100",
        "%",
        "cadre_training_half_yearly_share",
    ),
    ("zhendi-mianji", "村（社区）活动阵地面积达标率", "≥", "100", "%", "venue_area_share"),
    ("zhendi-gongneng", "社区“六站一平台”功能达标率", "≥", "100", "%", "venue_function_share"),
    (
        "yishi-xieshang",
        "每季度至少召开1次议事协商会的村（社区）比例",
        "≥",
        "100",
        "%",
        "deliberation_quarterly_share",
    ),
    (
        "sannian-wei-fazhan",
        "三年未发展党员的村（社区）党组织比例（挂牌督办）",
        "≤",
        "0",
        "%",
        "recruitment_stalled_share",
    ),
    (
        "qingnian-dangyuan",
        "当年新发展党员中35岁以下的比例",
        "≥",
        "50",
        "%",
        "recruitment_young_share",
    ),
    (
        "jianwei-liexi",
        "村务监督委员会主任参加或列席“两委”会议的村（社区）比例",
        "≥",
        "100",
        "%",
        "oversight_attendance_share",
    ),
    (
        "dangyuan-jifen",
        "全体党员参加积分管理的村（社区）党组织比例",
        "≥",
        "100",
        "%",
        "member_points_coverage_share",
    ),
]

# (action, id slug, title, content, lead department keys)
TOWNSHIP_TOPICS = [
    (
        "huanjie",
        "huanjie-gongzuo-fangan",
        "制定村（社区）“两委”换届工作方案",
        "研究制定换届工作方案，明确时间表、路线图和责任分工。",
        ["dangjianban"],
    ),
    (
        "huanjie",
        "huanjie-renqi-shenji",
        "村（社区）主要负责人任期经济责任审计",
        "对全镇村（社区）主要负责人开展任期经济责任审计，审计结果作为换届重要参考。",
        ["caizhengsuo", "jiwei"],
    ),
    (
        "huanjie",
        "huanjie-zhengce-xuanchuan",
        "换届政策宣传",
        "通过村务公开栏、微信群、入户走访等方式宣传换届政策和纪律要求。",
        ["dangjianban"],
    ),
    (
        "huanjie",
        "huanjie-xinfang-qingling",
        "信访问题清零",
        "对涉及村干部的信访问题逐件排查化解，确保换届前清仓见底。",
        ["zongzhi", "jiwei"],
    ),
    (
        "zhuwang",
        "zhuwang-liangxin-paicha",
        "两新组织党组织覆盖排查",
        "对规模以上企业和登记备案的社会组织开展党组织覆盖情况排查。",
        ["dangjianban", "jingfaban"],
    ),
    (
        "zhuwang",
        "zhuwang-liudong-guanli",
        "流动党员服务管理",
        "健全流动党员台账，依托流动党员党支部开展线上学习和组织生活。",
        ["dangjianban"],
    ),
    (
        "zhuwang",
        "zhuwang-wanggeyuan-peixun",
        "专职网格员培训",
        "组织全镇专职网格员开展业务培训，提升信息采集和矛盾调处能力。",
        ["zongzhi"],
    ),
    (
        "xianfeng",
        "xianfeng-xingji-pingding",
        "年度星级评定",
        "组织开展基层党组织星级评定，评定结果向社会公示。",
        ["dangjianban"],
    ),
    (
        "xianfeng",
        "xianfeng-ruanruo-paicha",
        "软弱涣散党组织排查",
        "按不低于5%的比例倒排软弱涣散村党组织，一村一策制定整顿方案。",
        ["dangjianban", "jiwei"],
    ),
    (
        "xianfeng",
        "xianfeng-sanhui-jiancha",
        "“三会一课”落实情况检查",
        "每季度抽查各支部组织生活记录，通报检查结果。",
        ["dangjianban"],
    ),
    (
        "suzhi",
        "suzhi-ganbu-peixun",
        "村干部全员轮训",
        "分批组织村（社区）“两委”成员开展全员轮训，每人每年不少于40学时。",
        ["dangjianban"],
    ),
    (
        "suzhi",
        "suzhi-touyan-lingheng",
        "头雁领航“师带徒”",
        "由优秀村党组织书记结对帮带年轻村干部，每对每季度交流不少于1次。",
        ["dangjianban"],
    ),
    (
        "suzhi",
        "suzhi-xueli-tisheng",
        "村干部学历提升",
        "组织村干部参加学历提升教育，落实学费补助。",
        ["dangjianban", "caizhengsuo"],
    ),
    (
        "yangguang",
        "yangguang-quanli-qingdan",
        "修订村级小微权力清单",
        "结合实际修订村级小微权力清单和运行流程图，在各村公开。",
        ["jiwei", "dangzhengban"],
    ),
    (
        "yangguang",
        "yangguang-gongkai-pingtai",
        "完善网上公开平台",
        "将党务、村务、财务公开内容同步发布到网上公开平台，方便群众查询。",
        ["dangzhengban"],
    ),
    (
        "yangguang",
        "yangguang-jianwei-peixun",
        "村务监督委员会成员培训",
        "组织村务监督委员会成员开展财务审核、工程监督业务培训。",
        ["jiwei"],
    ),
    (
        "baozhang",
        "baozhang-dangjian-jingfei",
        "落实党建工作经费",
        "按每村每年不低于4万元的标准落实党建工作经费，专款专用。",
        ["caizhengsuo", "dangjianban"],
    ),
    (
        "baozhang",
        "baozhang-xiaobo-zengshou",
        "集体经济消薄增收",
        "对集体经济收入较低的村逐村制定增收方案，落实帮扶项目。",
        ["nongyeban", "jingfaban"],
    ),
    (
        "baozhang",
        "baozhang-zhendi-jiancha",
        "村级阵地使用情况检查",
        "检查村级党群服务中心开放和使用情况，整改问题。",
        ["dangjianban"],
    ),
    (
        "baozhang",
        "baozhang-baochou-jiancha",
        "村干部报酬落实情况检查",
        "检查村干部基本报酬和绩效报酬发放情况，确保按时足额发放。",
        ["caizhengsuo"],
    ),
]
VILLAGE_TOPICS = [
    (
        "huanjie",
        "houbei-rencai",
        "后备人才储备",
        "按“两委”成员1:2的比例储备后备人才，建立培养台账。",
        ["dangjianban"],
    ),
    (
        "huanjie",
        "huanjie-fengxian-paicha",
        "换届风险排查",
        "排查换届风险隐患，逐项制定应对措施。",
        ["dangjianban", "zongzhi"],
    ),
    (
        "huanjie",
        "renqi-kaoping",
        "“两委”班子任期考评",
        "对“两委”班子和成员开展任期考评，结果在村内公开。",
        ["dangjianban"],
    ),
    (
        "huanjie",
        "zhengce-xuanchuan",
        "换届政策入户宣传",
        "组织党员干部入户宣传换届政策和纪律要求。",
        ["dangjianban"],
    ),
    (
        "zhuwang",
        "wangge-zhibu",
        "网格党支部建设",
        "按网格设置党支部或党小组，明确网格党员联系户。",
        ["dangjianban", "zongzhi"],
    ),
    (
        "zhuwang",
        "dangyuan-zhongxinhu",
        "党员中心户设岗定责",
        "选树党员中心户，每户联系群众10至15户。",
        ["dangjianban"],
    ),
    (
        "zhuwang",
        "hezuoshe-jiandang",
        "合作社党建联建",
        "推动村党组织与合作社、家庭农场党建联建。",
        ["nongyeban"],
    ),
    (
        "zhuwang",
        "wangge-xinxi",
        "网格信息采集更新",
        "完成网格内人口、房屋、组织等基础信息更新。",
        ["zongzhi"],
    ),
    (
        "xianfeng",
        "sanhui-yike",
        "规范“三会一课”",
        "按规定频次召开支部党员大会、支部委员会、党小组会和上党课。",
        ["dangjianban"],
    ),
    (
        "xianfeng",
        "dangyuan-jifen",
        "党员积分管理",
        "推行党员积分管理，积分结果与评先评优挂钩。",
        ["dangjianban"],
    ),
    (
        "xianfeng",
        "xingji-zhenggchuang",
        "星级争创",
        "对照“五星三强”标准查找差距，制定争创计划。",
        ["dangjianban"],
    ),
    (
        "xianfeng",
        "shifan-chuangjian",
        "示范村创建",
        "打造党建引领基层治理示范点，总结推广经验做法。",
        ["dangjianban", "nongyeban"],
    ),
    ("suzhi", "ganbu-xuexi", "“两委”成员学习", "组织“两委”成员每月集中学习一次。", ["dangjianban"]),
    (
        "suzhi",
        "liudong-xuexi",
        "流动党员线上学习",
        "建立流动党员学习群，每月推送学习资料。",
        ["dangjianban"],
    ),
    (
        "suzhi",
        "nianqing-ganbu",
        "年轻干部结对帮带",
        "安排年轻干部与老书记结对，跟岗学习群众工作方法。",
        ["dangjianban"],
    ),
    ("suzhi", "jineng-peixun", "党员技能培训", "围绕产业发展开展党员实用技能培训。", ["nongyeban"]),
    (
        "yangguang",
        "siyi-liangkai",
        "落实“四议两公开”",
        "重大事项严格执行“四议两公开”，留存会议记录和公开资料。",
        ["jiwei", "dangzhengban"],
    ),
    (
        "yangguang",
        "caiwu-gongkai",
        "财务按月公开",
        "每月10日前公开上月财务收支，接受群众监督。",
        ["caizhengsuo"],
    ),
    (
        "yangguang",
        "jiwu-jiandu",
        "村务监督委员会履职",
        "村务监督委员会按月审核财务票据，列席重要会议。",
        ["jiwei"],
    ),
    (
        "yangguang",
        "zichan-qingcha",
        "集体资产清查",
        "清查集体资产资源，更新台账并公开。",
        ["caizhengsuo", "nongyeban"],
    ),
    (
        "baozhang",
        "xiaobo-zengshou",
        "集体经济增收项目",
        "实施集体经济增收项目，经营性收入达到5万元以上。",
        ["nongyeban", "jingfaban"],
    ),
    (
        "baozhang",
        "zhendi-gaizao",
        "党群服务中心提升",
        "改造提升党群服务中心，完善便民服务功能。",
        ["dangjianban"],
    ),
    (
        "baozhang",
        "guangfu-lianjian",
        "屋顶光伏联建",
        "利用村集体建筑屋顶建设光伏项目，收益归集体。",
        ["jingfaban"],
    ),
    (
        "baozhang",
        "huanjing-zhengzhi",
        "人居环境整治",
        "开展垃圾分类、污水治理和庭院整治。",
        ["nongyeban"],
    ),
]
PROGRESS_NOTES = [
    [
        "召开专题会议部署推进，明确责任人和时间节点。",
        "完成前期摸排，建立工作台账。",
        "制定工作方案，报镇党委审定。",
    ],
    [
        "按计划推进，已完成约一半工作量。",
        "开展督导检查，发现问题已立行立改。",
        "组织现场推进会，交流经验做法。",
    ],
    [
        "主体工作基本完成，进入收尾阶段。",
        "完成阶段性任务，准备验收材料。",
        "对照清单逐项销号，剩余事项加快推进。",
    ],
]
DONE_NOTES = [
    "任务完成，通过镇党委验收。",
    "全部完成，资料已归档。",
    "按期完成，成果在村务公开栏公开。",
]
CANCEL_NOTES = ["因上级政策调整，经镇党委研究取消本任务。", "与其他任务合并实施，本任务取消。"]
EVIDENCE = ["工作台账", "会议记录", "验收报告", "培训签到表", "现场照片", "公开栏照片"]
CORRECTION_REASONS = [
    "一笔支出金额录入有误，已更正。",
    "收入项目名称写错，已更正。",
    "公开日期录入有误，已更正。",
]
# (name, lowest, highest) in fen
INCOME_LINES = [
    ("村级组织运转经费补助", 8_000_00, 30_000_00),
    ("厂房出租收入", 2_000_00, 40_000_00),
    ("土地流转服务费", 1_000_00, 15_000_00),
    ("集体资产租赁收入", 1_500_00, 25_000_00),
    ("上级专项补助", 5_000_00, 80_000_00),
    ("光伏发电收益", 800_00, 9_000_00),
    ("存款利息收入", 50_00, 900_00),
    ("农产品销售收入", 1_000_00, 20_000_00),
]
EXPENSE_LINES = [
    ("村干部基本报酬", 6_000_00, 18_000_00),
    ("保洁及垃圾清运", 1_500_00, 8_000_00),
    ("办公及水电费", 300_00, 3_500_00),
    ("党员活动经费", 200_00, 2_500_00),
    ("道路维修", 1_000_00, 30_000_00),
    ("水利设施维护", 800_00, 20_000_00),
    ("困难群众慰问", 500_00, 6_000_00),
    ("网格员补贴", 1_200_00, 4_800_00),
    ("文化活动支出", 300_00, 5_000_00),
    ("防汛物资采购", 400_00, 6_000_00),
]
VILLAGE_AFFAIRS = [
    ("重点工作", "本季度完成村道修补{n}处，清理沟渠{n}公里。"),
    ("惠农补贴", "发放耕地地力保护补贴涉及农户{m}户，补贴资金已直接发放到户。"),
    ("村民代表会议", "本季度召开村民代表会议{n}次，议定村内公共事务。"),
    ("宅基地审批", "本季度审批宅基地{n}户，审批结果已在村内公示。"),
    ("新农合参保", "本村城乡居民医保参保{m}人。"),
    ("矛盾调解", "本季度调解矛盾纠纷{n}起，调解成功率100%。"),
]
# Findings (问题清单): (problem, measure), by how they were found.
RECTIFICATION_FINDINGS = [
    (
        "组织生活不规范，“三会一课”记录不全",
        "制定“三会一课”年度计划，镇联系领导每季度列席支部委员会，镇党建办每季度抽查记录。",
    ),
    (
        "班子凝聚力不强，议事决策不经集体研究",
        "召开专题组织生活会开展批评和自我批评，明确支委分工，重大事项执行“四议两公开”。",
    ),
    ("集体经济薄弱，没有稳定的经营性收入", "盘活闲置集体资产，引进增收项目，收益归村集体。"),
]
REVIEW_FINDINGS = [
    (
        "党员积分管理流于形式，积分结果未公开",
        "每月评定党员积分并在党员活动室公布，年底结果与评先评优挂钩。",
    ),
    ("主题党日活动内容单一，党员参与率不高", "结合村里中心工作安排主题党日，提前公布活动内容。"),
]
RESIDENT_FINDINGS = [
    ("村道沿线废弃地膜和建筑垃圾堆放，未及时清理", "组织党员志愿者分片清理，纳入网格员日常巡查。"),
    ("村务公开栏内容更新不及时", "明确专人负责，每月10日前更新公开栏并同步网上公开。"),
    ("村内危旧房屋未设置警示标志", "逐户排查危旧房屋，设置警示标志，督促户主修缮或拆除。"),
    ("路灯损坏较多，群众夜间出行不便", "排查损坏路灯，列入村级小额工程维修。"),
]
SELF_FINDINGS = [
    ("后备人才台账未及时更新", "重新摸排后备人才，按“两委”成员1:2的比例更新台账。"),
    ("党建经费使用台账不全", "补建党建经费使用台账，支出前经支部委员会研究。"),
    ("网格员入户走访记录不全", "规范走访记录，每月检查一次。"),
]
DEPARTMENT_FINDINGS = [
    (
        "dangjianban",
        "对村级党组织“三会一课”抽查不到位，检查结果未通报",
        "每季度末抽查各支部组织生活记录并全镇通报。",
    ),
    ("caizhengsuo", "村级财务票据审核不及时", "每月集中审核村级财务票据，问题当月反馈。"),
    ("jiwei", "对村务监督委员会履职指导不够", "每半年组织村务监督委员会成员培训，列席重要会议。"),
]
CLOSING_EVIDENCE = [
    "镇党委验收意见",
    "复查记录和会议记录",
    "整改情况报告和现场照片",
    "镇纪委复核意见",
]
FINDING_PROGRESS = [
    "召开专题会议研究整改，明确措施和时限",
    "完成主要整改措施，进入巩固阶段",
    "对照问题清单逐项推进",
]
PROJECTS = [
    ("机耕路硬化工程", "jigenglu", "对村内机耕路实施硬化，方便农机通行和群众出行。"),
    ("村道路灯亮化工程", "ludeng", "在村主干道安装太阳能路灯，解决群众夜间出行难。"),
    ("文化礼堂修缮工程", "litang", "修缮村文化礼堂屋面和墙体，完善活动设施。"),
    ("山塘清淤加固工程", "shantang", "对村内山塘实施清淤和坝体加固，提高灌溉和防汛能力。"),
    ("农村饮用水改造工程", "yinshui", "更换老化供水管网，保障群众饮水安全。"),
    ("垃圾分类收集点建设", "laji", "新建垃圾分类收集点，配置分类收集设施。"),
]

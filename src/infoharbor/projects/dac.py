"""The OECD DAC (CRS) 5-digit purpose codes that digital-economy cooperation projects use.

IATI calls this sector vocabulary 1. Only the codes a forum like the seed's needs are shipped;
organisers add others, or their forum's own sectors, in the admin.
"""

from infoharbor.core.translated import TranslatedText


def _t(zh: str, en: str, th: str) -> TranslatedText:
    return TranslatedText({"zh-hans": zh, "en": en, "th": th})


PURPOSE_CODES: dict[str, TranslatedText] = {
    "11420": _t("高等教育", "Higher education", "การศึกษาระดับอุดมศึกษา"),
    "15110": _t(
        "公共部门政策与行政管理",
        "Public sector policy and administrative management",
        "นโยบายและการบริหารภาครัฐ",
    ),
    "16061": _t("文化与娱乐", "Culture and recreation", "วัฒนธรรมและนันทนาการ"),
    "21040": _t("水运", "Water transport", "การขนส่งทางน้ำ"),
    "22020": _t("电信", "Telecommunications", "โทรคมนาคม"),
    "22040": _t(
        "信息和通信技术",
        "Information and communication technology (ICT)",
        "เทคโนโลยีสารสนเทศและการสื่อสาร",
    ),
    "24030": _t(
        "正规金融中介机构", "Formal sector financial intermediaries", "สถาบันตัวกลางทางการเงินในระบบ"
    ),
    "32130": _t(
        "中小企业发展",
        "Small and medium-sized enterprises (SME) development",
        "การพัฒนาวิสาหกิจขนาดกลางและขนาดย่อม",
    ),
    "32182": _t(
        "技术研究与开发", "Technological research and development", "การวิจัยและพัฒนาเทคโนโลยี"
    ),
    "32210": _t(
        "矿产/采矿政策与行政管理",
        "Mineral/mining policy and administrative management",
        "นโยบายและการบริหารด้านแร่และเหมืองแร่",
    ),
    "33120": _t("贸易便利化", "Trade facilitation", "การอำนวยความสะดวกทางการค้า"),
    "33210": _t(
        "旅游政策与行政管理",
        "Tourism policy and administrative management",
        "นโยบายและการบริหารการท่องเที่ยว",
    ),
    "43030": _t("城市发展与管理", "Urban development and management", "การพัฒนาและการจัดการเมือง"),
    "43040": _t("农村发展", "Rural development", "การพัฒนาชนบท"),
}

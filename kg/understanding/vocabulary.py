"""The words every question shares: answer types, role particles, filters, and words that carry nothing.

Each catalogue question declares its own relation words (:class:`kg.questions.base.Cues`); the
words here mean the same whichever question is asked. Phrases are written as people type them and
folded like names when compiled; a trailing ``*`` matches any word that begins so.
"""

from __future__ import annotations

#: what a question asks for; when, how_much, how_many and title ask for a fact, which the chosen
#: question must be able to give
ANSWERS: dict[str, tuple[str, ...]] = {
    "who": (
        "who", "who's", "whom", "whose", "which people", "what people", "which person", "which researchers",
        "ppl", "people", "persons", "folks", "researchers", "engineers", "employees", "staff",
        "wer", "wen", "wem", "welche personen", "forscher", "forscherinnen", "welche leute", "leute", "personen", "menschen",
        "谁", "哪些人", "什么人", "哪位", "哪几位", "哪些研究员", "人员", "员工", "哪些员工",
    ),
    "org": (
        "companies", "company", "firms", "firm", "labs", "lab", "organisations", "organizations", "organisation",
        "organization", "teams", "worin", "firmen", "unternehmen", "labore", "organisationen",
        "哪家", "哪些公司", "什么公司", "公司", "企业", "机构", "实验室",
    ),
    "when": (
        "when", "what year", "which year", "what date", "wann", "in welchem jahr", "seit wann",
        "什么时候", "何时", "哪年", "哪一年", "几时", "哪天",
    ),
    "how_much": (
        "how much", "what price", "price", "for how much", "how big", "worth", "valued at", "valuation", "wie viel", "wieviel",
        "bewertet", "bewertung", "估值",
        "wie hoch", "zu welchem preis", "多少钱", "多少", "多大", "什么价格", "几何",
    ),
    "how_many": (
        "how many", "number of", "count", "wie viele", "anzahl", "多少人", "多少家", "多少个", "多少位",
        "多少轮", "几个", "几家", "几位", "几轮", "几人",
    ),
    "title": (
        "what title", "what role", "what position", "what job", "which role", "which position", "title",
        "job title", "role", "position", "welche position", "welche rolle", "welchen titel", "titel",
        "funktion", "职位", "职务", "头衔", "什么职位", "担任什么",
    ),
    "where": ("where", "wo", "wohin", "woher", "哪里", "哪儿", "去哪", "在哪"),
    "how": ("how", "wie", "怎么", "如何", "怎样"),
}

#: words that give the next name its role in the question (from OpenAI, zu Anthropic, 从谷歌)
PARTICLES: dict[str, tuple[str, ...]] = {
    "from": ("from", "von", "aus", "从", "自", "来自"),
    "to": ("to", "into", "for", "zu", "für", "to join", "to go to", "到", "去", "去了", "投奔", "转投", "加盟", "前往"),
    "at": ("at", "bei", "in", "within", "inside", "在", "于"),
    "in": ("in", "into", "in den", "in die", "in das"),
    "by": ("by", "durch", "被", "由"),
    "of": ("of", "der", "des", "von", "behind", "hinter"),
    "with": ("with", "mit", "和", "与", "跟", "同"),
    "and": ("and", "und", "as well as", "als auch", "&", "和", "与", "及", "以及", "跟"),
    "between": ("between", "zwischen"),
    "both": ("both", "sowohl", "同时"),
    "except": (
        "except", "except for", "besides", "excluding", "other than", "apart from", "aside from", "but not", "not",
        "außer", "ohne", "ausgenommen", "abgesehen von", "nicht", "除了", "除", "不包括", "不含", "不算",
    ),
    "ex": ("ex", "former", "formerly", "ehemalige", "ehemaligen", "ehemaliger", "frühere", "früheren", "前", "原"),
    "before": ("before", "prior to", "vor", "bevor"),
    "after": ("after", "nach"),
}

#: particles written after the name they give a role (OpenAI的, 谷歌之前)
POST_PARTICLES: dict[str, tuple[str, ...]] = {
    "of": ("'s", "的"),
    "before": ("之前", "以前"),
    "after": ("之后", "以后"),
    "except": ("以外", "之外"),
    "between": ("之间",),
}

#: organisation kinds people filter by, and the words for them
KINDS: dict[str, tuple[str, ...]] = {
    "startup": (
        "startup*", "start up", "start ups", "start-up*", "new company", "new companies", "new firm*", "jungunternehmen",
        "neue firma", "neuen firma", "neue firmen", "创业公司", "初创公司", "初创企业", "创业企业", "新公司", "创业",
    ),
    "big_tech": (
        "big tech", "bigtech", "tech giant*", "large tech compan*", "big tech compan*", "techkonzern*",
        "tech-konzern*", "großkonzern*", "konzerne", "大厂", "科技巨头", "巨头", "大公司",
    ),
    "frontier_lab": ("frontier lab*", "frontier ai lab*", "前沿实验室", "大模型公司"),
    "university": ("universities", "universitäten", "hochschulen", "高校", "大学"),
}

#: kinds of role people ask about ("who runs X": its executives), which no question filters by yet
ROLE_KINDS: dict[str, tuple[str, ...]] = {
    "executive": (
        "runs", "run", "running", "leads", "heads", "ceo", "cto", "cfo", "chief*", "in charge", "leitet", "leiter",
        "chef", "geschäftsführer*", "负责人", "掌门", "掌舵", "领导",
    ),
}

#: words for arriving somewhere: "who joined X" asks for arrivals; they also give X its role (to X)
ARRIVALS = (
    "joined", "join", "joins", "joining", "hired", "hire", "hires", "hiring", "poached", "poach", "poaches",
    "recruited", "recruit", "recruits", "came", "came to", "come", "comes", "come to", "kam", "kamen", "gekommen", "beigetreten", "eingestellt", "abgeworben",
    "angeheuert", "gewechselt zu", "加入", "加盟", "招募", "挖走", "挖来", "挖角", "投奔", "入职",
)

#: funding rounds by name ("the seed round", "Series B", "A轮")
ROUNDS: dict[str, tuple[str, ...]] = {
    "pre_seed": ("pre-seed", "pre seed", "pre-seed round"),
    "seed": ("seed", "seed round", "seed-runde", "种子轮"),
    "angel": ("angel round", "天使轮"),
    "pre_a": ("pre-a", "pre a", "pre-a round", "pre-a轮"),
    "ipo": ("ipo", "initial public offering", "börsengang"),
    # the series by letter, as the fact model names them (A to K)
    **{
        letter: (f"series {letter.lower()}", f"serie {letter.lower()}", f"{letter.lower()} round", f"{letter.lower()}轮")
        for letter in "ABCDEFGHIJK"
    },
}

#: asking for who led a round
LEAD = ("led", "lead", "lead investor*", "lead the round", "led the round", "angeführt", "anführer", "leadinvestor*", "领投", "领投方")

#: "top 10": the number after it is how many rows
LIMIT = ("top", "die top", "前")

#: countries people filter organisations by (ISO codes, as the seeds give them)
COUNTRIES: dict[str, tuple[str, ...]] = {
    "CN": ("chinese", "china", "chinesische*", "chinas", "aus china", "中国", "国内", "国产"),
    "US": ("american", "us based", "u s", "usa", "amerikanische*", "us-amerikanische*", "美国"),
    "FR": ("french", "france", "französische*", "frankreich", "法国"),
    "GB": ("british", "uk", "britische*", "英国"),
    "DE": ("german", "germany", "deutsche", "deutschen", "deutscher", "deutschland", "德国"),
    "CA": ("canadian", "kanadische*", "加拿大"),
    "JP": ("japanese", "japanische*", "日本"),
    "IL": ("israeli", "israelische*", "以色列"),
    "KR": ("korean", "south korean", "koreanische*", "韩国"),
}

#: words that carry nothing for any question: courtesy, auxiliaries, articles, pronouns
FILLER: tuple[str, ...] = (
    # English
    "the", "a", "an", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "done", "has",
    "have", "had", "having", "can", "could", "would", "will", "shall", "should", "may", "might", "must",
    "you", "me", "i", "we", "my", "your", "our", "their", "they", "them", "he", "she", "it", "its", "his",
    "her", "there", "here", "that", "this", "these", "those", "tell", "show", "list", "give", "find", "know",
    "want", "like", "please", "pls", "plz", "about", "all", "any", "some", "just", "ever", "really",
    "actually", "then", "so", "which", "what", "whats", "or", "hey", "hi", "kg", "let", "lets",
    "see", "something", "anyone", "anybody", "everyone", "name", "names", "go", "get", "got", "also",
    "s", "on", "up", "out", "as", "if", "other", "others", "later", "afterwards", "eventually", "each",
    "every", "more", "most", "much", "end", "ended", "up", "going", "new", "own", "their", "them",
    "wondering", "curious", "im", "i'm", "interested", "need", "needed", "looking", "look", "quick", "question",
    "ones", "one", "guys", "guy", "anything", "info", "information", "details", "detail", "ai", "a.i.",
    "artificial intelligence", "talent", "talents", "industry", "world", "space", "field", "sector", "biggest",
    "largest", "greatest",
    # German
    "der", "die", "das", "den", "dem", "ein", "eine", "einen", "einem", "einer", "eines", "ist", "sind",
    "war", "waren", "wurde", "wurden", "hat", "haben", "hatte", "hatten", "wird", "werden", "mir", "uns",
    "bitte", "zeig", "zeige", "zeigen", "sag", "sage", "sagen", "nenne", "nenn", "liste", "alle", "welche",
    "welcher", "welches", "welchen", "was", "es", "gibt", "dort", "hier", "schon", "noch", "je", "eigentlich",
    "denn", "mal", "man", "kann", "können", "möchte", "wissen", "oder", "auch", "sich", "sie", "er", "ihr",
    "ihre", "seine", "sein", "dann", "später", "alles", "so", "wieder", "neue", "neuen", "ki", "talente", "talenten",
    "branche", "größten", "größte",
    # Chinese
    "了", "吗", "呢", "吧", "啊", "请", "问", "一下", "都", "有", "是", "过", "曾", "曾经", "我", "想", "知道",
    "告诉", "你", "能", "可以", "那些", "这些", "个", "们", "呀", "着", "哪些", "什么", "其", "并", "也", "就",
    "还", "又", "再", "将", "把", "给", "哪个", "下", "所有", "后来", "然后", "最终", "一共", "总共", "人",
    "人工智能", "人才", "领域", "行业", "最",
)

"""``kg ask``: plain-language questions (English, German, Chinese) mapped onto the catalogue.

Each catalogue question has phrasings: patterns whose named groups hold the entity names. The first
phrasing whose names all resolve wins. When a phrasing matches but a name does not resolve, the
"did you mean" of that name is the answer; when nothing matches, entities named in the text and
keywords pick the question; failing that, kg lists the closest questions with an example each.

>>> understand(backend, "who left OpenAI for which startup?")   # doctest: +SKIP
Understood(intent='left_for', params={'org': 'openai', 'startups_only': True}, ...)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from kg.errors import Ambiguous, KgError, NoAnswer, NotFound
from kg.backends import Backend
from kg.questions import CATALOGUE, run
from kg.questions.base import ENTITY_LABELS
from kg.result import Result

# -- phrasings ----------------------------------------------------------------------------------

X = r"(?P<{}>.+?)"  # a named slot: some words naming an entity

_STARTUPS = r"(?:start-?ups?|start-ups?|companies|company|labs?|firms?|新公司|创业公司|初创公司|初创企业|创业|公司)"


class _Phrasing:
    """A pattern compiled on first use: most questions match one of the first few tried."""

    __slots__ = ("text", "compiled")

    def __init__(self, text: str):
        self.text = text
        self.compiled: re.Pattern[str] | None = None

    def match(self, question: str) -> re.Match[str] | None:
        if self.compiled is None:
            self.compiled = re.compile(self.text, re.IGNORECASE)
        return self.compiled.match(question)


def _p(intent: str, pattern: str, **fixed: Any) -> tuple[str, _Phrasing, dict[str, Any]]:
    slots = {name: X.format(name) for name in ("org", "to", "person", "a", "b", "investor", "other", "acquirer", "target", "also")}
    return intent, _Phrasing("^" + pattern.format(**slots) + "$"), fixed


PHRASINGS = [
    # left_for ----------------------------------------------------------------------------------
    _p("left_for", r"(?:who|which people|which researchers|what people) (?:has |have )?(?:left|quit|departed(?: from)?) {org} (?:for|to (?:join|found|start)) (?:which|what|a|an|new)? ?" + _STARTUPS, startups_only=True),
    _p("left_for", r"(?:who|which people) (?:has |have )?(?:left|quit|departed(?: from)?) {org} (?:for|to join|and joined) {to}"),
    _p("left_for", r"(?:who|which people) (?:has |have )?(?:left|quit|departed(?: from)?) {org}(?: and where did they go)?"),
    _p("left_for", r"(?:who|which people) (?:has |have )?(?:moved|gone|went|switched) from {org} to (?:a |which |what )?" + _STARTUPS, startups_only=True),
    _p("left_for", r"(?:who|which people) (?:has |have )?(?:moved|gone|went|switched) from {org} to {to}"),
    _p("left_for", r"where did (?:the )?(?:people|employees|staff|researchers|alumni) (?:from|of|at) {org} go"),
    _p("left_for", r"where did {org} (?:people|employees|staff|researchers|alumni) go"),
    _p("left_for", r"(?:departures|exits|defections) from {org}(?: to {to})?"),
    _p("left_for", r"{org} (?:departures|exits|defections|diaspora)"),
    _p("left_for", r"wer (?:hat|ist) {org} (?:für|zu) (?:welche[sn]?|ein(?:e|en)?) ?(?:neue[sn]?)? ?" + _STARTUPS + r" (?:verlassen|gewechselt)", startups_only=True),
    _p("left_for", r"wer (?:hat|ist) {org} (?:für|zu) {to} (?:verlassen|gewechselt)"),
    _p("left_for", r"wer (?:ist|sind) von {org} zu {to} gewechselt"),
    _p("left_for", r"wer (?:wechselte|ging) von {org} zu {to}"),
    _p("left_for", r"wer hat {org} verlassen"),
    _p("left_for", r"wer verließ {org}"),
    _p("left_for", r"(?:谁|哪些人)(?:离开了?|从){org}(?:后)?(?:加入了?|去了?|跳槽到|创办了?)?(?:哪家|哪个|哪些|什么)" + _STARTUPS, startups_only=True),
    _p("left_for", r"(?:谁|哪些人)从{org}(?:跳槽|离职|转投|去)(?:到|了)?{to}"),
    _p("left_for", r"(?:谁|哪些人)离开了?{org}(?:加入了?|去了?){to}"),
    _p("left_for", r"(?:谁|哪些人)离开了?{org}"),
    _p("left_for", r"(?:谁|哪些人)从{org}离职了?"),
    _p("left_for", r"{org}的?(?:离职员工|前员工)(?:都)?去了?哪里?(?:儿)?"),
    # alumni_founders ---------------------------------------------------------------------------
    _p("alumni_founders", r"(?:which |what )?(?:companies|startups|firms|labs) (?:were |have been )?(?:founded|started) by (?:former )?{org} (?:alumni|graduates|people|employees|staff|researchers)"),
    _p("alumni_founders", r"(?:which |what )(?:companies|startups|firms|labs) (?:did|have) (?:former )?{org} (?:alumni|graduates|people|employees|staff|researchers) (?:found|start|founded|started)"),
    _p("alumni_founders", r"(?:former )?{org} (?:alumni|graduates|staff|employees|researchers|people) (?:who|that) (?:founded|started) (?:companies|startups|firms|labs|something)"),
    _p("alumni_founders", r"{org} (?:alumni|mafia) (?:startups|companies|founders)"),
    _p("alumni_founders", r"(?:the )?{org} mafia"),
    _p("alumni_founders", r"(?:welche )?(?:firmen|unternehmen|start-?ups) (?:haben|gründeten) (?:ehemalige )?{org}[- ]?(?:alumni|absolventen|mitarbeiter)(?: gegründet)?"),
    _p("alumni_founders", r"von (?:ehemaligen )?{org}[- ]?(?:alumni|absolventen|mitarbeitern) gegründete (?:firmen|unternehmen|start-?ups)"),
    _p("alumni_founders", r"{org}(?:的)?(?:校友|前员工|老员工|系)(?:都)?(?:创办|创立|创建)(?:了)?(?:哪些|什么)?(?:公司|企业|创业公司)?"),
    _p("alumni_founders", r"{org}系(?:创业)?(?:公司|企业)"),
    # alumni ------------------------------------------------------------------------------------
    _p("alumni", r"(?:which |what )?{org} (?:alumni|alums|graduates) (?:have )?(?:worked|work) (?:at|for) {also}"),
    _p("alumni", r"(?:who are |list )?(?:the )?{org} (?:alumni|alums|graduates)"),
    _p("alumni", r"(?:wer sind )?(?:die )?(?:absolventen|alumni) (?:von|der|des) {org}"),
    _p("alumni", r"{org}的?校友(?:有哪些|有谁|都有谁)?"),
    # founders ----------------------------------------------------------------------------------
    _p("founders", r"who (?:co-?)?founded {org}"),
    _p("founders", r"who (?:started|created) {org}"),
    _p("founders", r"(?:who are |who were )?(?:the )?(?:co-?)?founders of {org}"),
    _p("founders", r"{org}(?:'s|’s)? (?:co-?)?founders"),
    _p("founders", r"wer (?:hat|hatte) {org} gegründet"),
    _p("founders", r"(?:wer sind |wer waren )?(?:die )?gründer(?:innen)? (?:von|der|des) {org}"),
    _p("founders", r"(?:谁|哪些人)(?:创立|创办|创建|联合创立|联合创办)了?{org}"),
    _p("founders", r"{org}的?(?:联合)?创始人(?:是谁|有哪些|都有谁)?"),
    # co_investors (before investors: "who backed both X and Y") --------------------------------
    _p("co_investors", r"who (?:backed|funded|invested in) both {a} and {b}"),
    _p("co_investors", r"(?:common|shared|mutual) investors (?:of|in|between) {a} and {b}"),
    _p("co_investors", r"investors in both {a} and {b}"),
    _p("co_investors", r"co-?investors (?:of|in) {a} and {b}"),
    _p("co_investors", r"wer hat sowohl (?:in )?{a} als auch (?:in )?{b} investiert"),
    _p("co_investors", r"gemeinsame investoren von {a} und {b}"),
    _p("co_investors", r"(?:谁|哪些机构|哪些投资人)同时投资了{a}和{b}"),
    _p("co_investors", r"{a}(?:和|与){b}的?共同(?:投资人|投资方|投资者)"),
    # investors ---------------------------------------------------------------------------------
    _p("investors", r"who (?:backed|funded|financed|invested in|bankrolled) {org}"),
    _p("investors", r"(?:who are |what are )?(?:the )?(?:investors|backers|funders) (?:in|of|behind) {org}"),
    _p("investors", r"{org}(?:'s|’s)? (?:investors|backers|funders|funding rounds|rounds|funding)"),
    _p("investors", r"how (?:much|did) {org} (?:raise|raised|get funded)"),
    _p("investors", r"wer hat (?:in )?{org} investiert"),
    _p("investors", r"(?:wer sind )?(?:die )?(?:investoren|geldgeber|kapitalgeber) (?:von|der|des|hinter) {org}"),
    _p("investors", r"(?:谁|哪些机构|哪些投资人)投资了{org}"),
    _p("investors", r"{org}的?(?:投资人|投资方|投资者|股东|融资)(?:是谁|有哪些|有谁|情况)?"),
    # portfolio ---------------------------------------------------------------------------------
    _p("portfolio", r"(?:what|which companies|which startups) (?:did|has|have) {investor} (?:invest(?:ed)? in|back(?:ed)?|fund(?:ed)?)"),
    _p("portfolio", r"{investor}(?:'s|’s)? (?:portfolio|investments)"),
    _p("portfolio", r"(?:portfolio|investments) of {investor}"),
    _p("portfolio", r"(?:worin|in welche (?:firmen|unternehmen|start-?ups)) hat {investor} investiert"),
    _p("portfolio", r"(?:das )?portfolio von {investor}"),
    _p("portfolio", r"{investor}投资了(?:哪些|什么)(?:公司|企业|创业公司)?"),
    _p("portfolio", r"{investor}的投资组合"),
    # offers ------------------------------------------------------------------------------------
    _p("offers", r"who (?:turned down|declined|rejected|refused|said no to) {org}(?:'s|’s)? (?:job |hiring |pay )?(?:offers?|packages?)", outcome="declined"),
    _p("offers", r"who (?:accepted|took) {org}(?:'s|’s)? (?:job |hiring |pay )?(?:offers?|packages?)", outcome="accepted"),
    _p("offers", r"(?:which |what )?(?:offers|pay packages|hiring offers|retention (?:bonuses|offers|packages)) (?:did|has) {org} (?:make|made|offer|offered)(?: to anyone)?"),
    _p("offers", r"{org}(?:'s|’s)? (?:job |hiring |pay |retention )?(?:offers|packages|bonuses)"),
    _p("offers", r"wer hat (?:das |die )?(?:angebote?|offerten?) (?:von|der|des) {org} abgelehnt", outcome="declined"),
    _p("offers", r"(?:welche )?(?:angebote|gehaltsangebote|halteprämien) (?:hat|machte) {org}(?: gemacht)?"),
    _p("offers", r"(?:谁|哪些人)拒绝了{org}的?(?:offer|邀约|挖角|报价|聘用|高薪)", outcome="declined"),
    _p("offers", r"{org}(?:开出|给出)?(?:了)?(?:哪些|什么)?的?(?:offer|薪酬|挖角|邀约|留任奖金)"),
    # attempted_deals (before acquisitions) -----------------------------------------------------
    _p("attempted_deals", r"(?:which |what )?(?:acquisitions|deals|takeovers) did {org} (?:attempt|try)"),
    _p("attempted_deals", r"who (?:tried|attempted|wanted) to (?:buy|acquire) {org}"),
    _p("attempted_deals", r"(?:which |what )?(?:companies|startups|labs) did {org} (?:try|attempt|want) to (?:buy|acquire)"),
    _p("attempted_deals", r"(?:failed|attempted|rejected|abandoned) (?:acquisitions|deals|takeovers|offers)(?: (?:by|of|for|involving) {org})?"),
    _p("attempted_deals", r"wer wollte {org} (?:kaufen|übernehmen)"),
    _p("attempted_deals", r"(?:gescheiterte|abgelehnte) übernahmen?(?: (?:von|durch) {org})?"),
    _p("attempted_deals", r"(?:谁)?(?:试图|曾想|想要)收购{org}"),
    _p("attempted_deals", r"{org}(?:拒绝|试图|曾试图)(?:了)?(?:哪些)?收购"),
    _p("attempted_deals", r"(?:失败的|未成功的)收购"),
    # acquisitions -------------------------------------------------------------------------------
    _p("acquisitions", r"(?:which|what) (?:startups|companies|labs|teams) (?:did|has) {org} (?:acqui-?hire|acquihire|license and hire|license-and-hire)d?", kind="acqui_hire"),
    _p("acquisitions", r"(?:which|what) (?:startups|companies|labs) (?:were|have been) acqui-?hired(?: by {org})?", kind="acqui_hire"),
    _p("acquisitions", r"(?:acqui-?hires|license-and-hire deals|reverse acqui-?hires)(?: (?:by|of) {org})?", kind="acqui_hire"),
    _p("acquisitions", r"(?:which|what) (?:startups|companies|labs) (?:did|has) {org} (?:acquire|buy|bought|acquired|take a stake in|invest in)"),
    _p("acquisitions", r"who (?:acquired|bought|took over) {org}"),
    _p("acquisitions", r"{org}(?:'s|’s)? (?:acquisitions|deals|takeovers)"),
    _p("acquisitions", r"(?:acquisitions|deals|takeovers) (?:by|of|involving) {org}"),
    _p("acquisitions", r"(?:welche )?(?:firmen|unternehmen|start-?ups) hat {org} übernommen"),
    _p("acquisitions", r"(?:übernahmen|zukäufe) (?:von|durch) {org}"),
    _p("acquisitions", r"{org}收购了(?:哪些|什么)(?:公司|企业|创业公司)?"),
    _p("acquisitions", r"{org}的收购(?:案|交易)?"),
    _p("acquisitions", r"谁收购了{org}"),
    # flows ---------------------------------------------------------------------------------------
    _p("flows", r"(?:talent )?flows? (?:between|from) {a} (?:and|to) {b}"),
    _p("flows", r"how many people (?:moved|went) between {a} and {b}"),
    _p("flows", r"(?:people|talent) (?:moving|moved) between {a} and {b}"),
    _p("flows", r"talentflu(?:ss|ß) zwischen {a} und {b}"),
    _p("flows", r"wechsel zwischen {a} und {b}"),
    _p("flows", r"{a}(?:和|与){b}(?:之间)?的?人才流动"),
    # top_flows -----------------------------------------------------------------------------------
    _p("top_flows", r"(?:which|what) (?:labs|companies|organi[sz]ations) (?:are|is) the (?:biggest|largest) net (?:importers?|gainers?) of talent", by="org"),
    _p("top_flows", r"(?:biggest|largest|top) net (?:importers?|gainers?)(?: of talent)?", by="org"),
    _p("top_flows", r"(?:which|what) (?:labs|companies|organi[sz]ations) gained the most talent", by="org"),
    _p("top_flows", r"(?:the )?(?:biggest|largest|top) (?:talent )?flows(?: (?:for|at|of|involving) {org})?"),
    _p("top_flows", r"(?:größte|wichtigste)n? talentströme"),
    _p("top_flows", r"nettoimporteure von talenten", by="org"),
    _p("top_flows", r"(?:最大的|主要的)人才流动"),
    _p("top_flows", r"(?:哪些|哪家)(?:公司|机构|实验室)?人才净流入最多", by="org"),
    # path ----------------------------------------------------------------------------------------
    _p("path", r"how (?:is|are|was|were) {a} (?:connected|linked|related) (?:to|with) {b}"),
    _p("path", r"(?:what is the )?(?:connection|link|path|relationship) (?:between|from) {a} (?:and|to) {b}"),
    _p("path", r"how (?:do|does|did) {a} and {b} (?:connect|know each other)"),
    _p("path", r"how (?:do|does|did) {a} connect (?:to|with) {b}"),
    _p("path", r"wie (?:ist|sind|hängt) {a} mit {b} (?:verbunden|verknüpft|zusammen)"),
    _p("path", r"verbindung zwischen {a} und {b}"),
    _p("path", r"{a}(?:和|与|跟){b}(?:之间)?(?:有什么)?(?:关系|联系|关联)"),
    _p("path", r"{a}(?:和|与|跟){b}是怎么(?:联系|关联)(?:起来)?的"),
    # coworkers -----------------------------------------------------------------------------------
    _p("coworkers", r"who (?:worked|overlapped) with {person} at {org}"),
    _p("coworkers", r"who (?:has )?(?:worked|overlapped) with {person}"),
    _p("coworkers", r"{person}(?:'s|’s)? (?:coworkers|co-workers|colleagues)"),
    _p("coworkers", r"(?:coworkers|co-workers|colleagues) of {person}"),
    _p("coworkers", r"wer hat mit {person} zusammengearbeitet"),
    _p("coworkers", r"(?:die )?kollegen von {person}"),
    _p("coworkers", r"(?:谁|哪些人)(?:和|与|跟){person}(?:共事|一起工作)过?"),
    _p("coworkers", r"{person}的(?:同事|前同事)"),
    # career --------------------------------------------------------------------------------------
    _p("career", r"(?:what is |show me )?(?:the )?(?:career|cv|resume|background|biography) of {person}"),
    _p("career", r"{person}(?:'s|’s) (?:career|cv|resume|background|biography)"),
    _p("career", r"where (?:has|did) {person} (?:work(?:ed)?|study|studied)(?: before)?"),
    _p("career", r"who is {person}"),
    _p("career", r"(?:der )?(?:werdegang|lebenslauf|karriere) von {person}"),
    _p("career", r"wer ist {person}"),
    _p("career", r"{person}的(?:履历|职业生涯|经历|简历|背景)"),
    _p("career", r"{person}是谁"),
    # people_at -----------------------------------------------------------------------------------
    _p("people_at", r"who (?:works|worked|is working|was working) (?:at|for) {org} (?:in|as of|on) (?P<as_of>~?\d{{4}}(?:-\d{{1,2}}(?:-\d{{1,2}})?)?)"),
    _p("people_at", r"who (?:works|worked|is working|was working) (?:at|for) {org}"),
    _p("people_at", r"(?:people|employees|staff|researchers) (?:at|of) {org}"),
    _p("people_at", r"{org}(?:'s|’s)? (?:people|employees|staff|team)"),
    _p("people_at", r"wer (?:arbeitet|arbeitete) (?:(?P<as_of>\d{{4}}) )?(?:bei|für) {org}"),
    _p("people_at", r"(?:谁|哪些人)(?:在|曾在){org}工作(?:过)?"),
    _p("people_at", r"{org}的(?:员工|团队|成员)"),
    # moves (arrivals) ----------------------------------------------------------------------------
    _p("moves", r"(?:who|which people) (?:has |have )?joined {org} from {other}", direction="arrivals"),
    _p("moves", r"(?:who|which people) (?:has |have )?(?:joined|moved to|come to) {org}", direction="arrivals"),
    _p("moves", r"wer (?:kam|ist) (?:zu|bei) {org}(?: gekommen| gewechselt)?", direction="arrivals"),
    _p("moves", r"(?:谁|哪些人)加入了?{org}", direction="arrivals"),
    # rounds --------------------------------------------------------------------------------------
    _p("rounds", r"(?:list |show )?(?:the |all )?(?:funding )?rounds (?:of|by|raised by) {org}"),
    _p("rounds", r"(?:die )?finanzierungsrunden (?:von|der|des) {org}"),
    _p("rounds", r"{org}的?融资轮次"),
    # companies -----------------------------------------------------------------------------------
    _p("companies", r"(?:which |what |list )?(?:the )?chinese (?:start-?ups|labs)", country="CN", startups_only=True),
    _p("companies", r"(?:which |what )?(?:start-?ups|labs) (?:from|in) china", country="CN", startups_only=True),
    _p("companies", r"(?:welche )?chinesischen? (?:start-?ups|labore)", country="CN", startups_only=True),
    _p("companies", r"(?:有哪些)?中国的?(?:创业公司|初创公司|实验室)(?:有哪些)?", country="CN", startups_only=True),
    # deal ----------------------------------------------------------------------------------------
    _p("deal", r"how much did {acquirer} (?:pay|offer) for {target}"),
    _p("deal", r"wie ?viel hat {acquirer} für {target} (?:bezahlt|gezahlt|geboten)"),
    _p("deal", r"{acquirer}(?:花了?)?多少钱收购了?{target}"),
    # role ----------------------------------------------------------------------------------------
    _p("role", r"what (?:is|was) {person}(?:'s|’s) (?:title|role|job|position) at {org}"),
    _p("role", r"welche (?:position|rolle|funktion) hat(?:te)? {person} bei {org}"),
    _p("role", r"{person}在{org}的?(?:职位|职务|头衔)(?:是什么)?"),
    # influence -----------------------------------------------------------------------------------
    _p("influence", r"(?:who are |which are |what are )?(?:the )?most (?:influential|central|important|connected) (?:people|persons|researchers)(?: in .+)?", kind="person"),
    _p("influence", r"(?:who are |which are |what are )?(?:the )?most (?:influential|central|important|connected) (?:organi[sz]ations|companies|labs)(?: in .+)?", kind="org"),
    _p("influence", r"(?:who|what) (?:matters|is) most (?:influential|central)(?: in .+)?"),
    _p("influence", r"(?:die )?einflussreichsten (?:personen|köpfe|menschen)(?: .+)?", kind="person"),
    _p("influence", r"(?:die )?einflussreichsten (?:firmen|unternehmen|labore|organisationen)(?: .+)?", kind="org"),
    _p("influence", r"(?:.*)最有影响力的(?:人|人物)(?:是谁|有哪些)?", kind="person"),
    _p("influence", r"(?:.*)最有影响力的(?:公司|机构|实验室)(?:是哪些|有哪些)?", kind="org"),
]

#: Words that point to a question when no phrasing matches (lowercase, simplified Chinese).
KEYWORDS = {
    "left_for": ("left", "leave", "quit", "departure", "verlassen", "gewechselt", "离开", "离职", "跳槽"),
    "founders": ("founder", "founded", "gründer", "gegründet", "创始人", "创立", "创办"),
    "alumni_founders": ("alumni", "mafia", "absolventen", "校友"),
    "investors": ("investor", "backed", "funded", "invested", "investoren", "investiert", "投资人", "投资方", "融资"),
    "portfolio": ("portfolio", "投资组合"),
    "acquisitions": ("acqui", "acquisition", "acquired", "bought", "übernahme", "übernommen", "收购"),
    "attempted_deals": ("attempt", "failed", "rejected", "gescheitert", "abgelehnt", "拒绝", "试图"),
    "flows": ("flow", "between", "zwischen", "流动"),
    "path": ("connected", "connection", "verbunden", "关系", "联系"),
    "coworkers": ("coworker", "colleague", "worked with", "kollegen", "同事", "共事"),
    "career": ("career", "cv", "werdegang", "lebenslauf", "履历", "经历"),
    "people_at": ("works at", "worked at", "employees", "staff", "mitarbeiter", "员工"),
    "influence": ("influential", "central", "pagerank", "einflussreich", "影响力"),
}


@dataclass
class Understood:
    """The catalogue question a text was mapped to, and its raw parameters (names, not ids)."""

    intent: str
    params: dict[str, Any]
    how: str = "phrasing"
    problems: list[KgError] = field(default_factory=list)


def ask(backend: Backend, text: str, as_of: str | None = None) -> Result:
    """Answer a plain-language question, saying which catalogue question answered it."""
    understood = understand(backend, text)
    if as_of and any(p.name == "as_of" for p in CATALOGUE[understood.intent].params):
        understood.params["as_of"] = as_of
    result = run(backend, understood.intent, understood.params, question_text=text)
    result.title = f"understood as {result.title}"
    return result


def understand(backend: Backend, text: str) -> Understood:
    """Map text to a catalogue question and its parameters; raise NotFound/Ambiguous/NoAnswer."""
    cleaned = clean_question(text)
    if not cleaned:
        raise NoAnswer("ask a question, for example: " + _examples(list(CATALOGUE)[:3]))
    failures: list[KgError] = []
    for intent, pattern, fixed in PHRASINGS:
        match = pattern.match(cleaned)
        if not match:
            continue
        slots = {name: _clean_slot(value) for name, value in match.groupdict().items() if value}
        try:
            params = _check(backend, intent, slots)
        except (NotFound, Ambiguous) as err:
            failures.append(err)
            continue
        return Understood(intent, {**fixed, **params})
    guessed = _guess(backend, cleaned)
    if guessed:
        return guessed
    if failures:
        raise failures[0]
    raise NoAnswer(
        f"kg could not map {text.strip()!r} to a question it knows; the closest: " + _examples(_closest(cleaned))
    )


def clean_question(text: str) -> str:
    """Width-folded, simplified-Chinese, single-spaced text without the closing punctuation."""
    folded = unicodedata.normalize("NFKC", text)
    if re.search(r"[\u3400-\u9fff]", folded):
        from kg.names import _to_simplified

        folded = _to_simplified(folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    return folded.rstrip("?？!！.。 ").strip()


def _clean_slot(value: str) -> str:
    value = value.strip().strip("\"'“”‘’「」『』《》")
    value = re.sub(r"^(?:the|die|der|das|den)\s+", "", value, flags=re.IGNORECASE)
    return re.sub(r"(?:'s|’s)$", "", value).strip()


def _check(backend: Backend, intent: str, slots: dict[str, str]) -> dict[str, Any]:
    """Resolve each entity slot now, so that a phrasing whose names do not resolve is skipped."""
    question = CATALOGUE[intent]
    params: dict[str, Any] = {}
    for name, value in slots.items():
        param = question.param(name)
        if param.type in ENTITY_LABELS:
            entry = backend.resolve(value, ENTITY_LABELS[param.type])
            params[name] = entry.id
        else:
            params[name] = value
    return params


def _guess(backend: Backend, text: str) -> Understood | None:
    """Keywords plus the entities named in the text, for phrasings the patterns do not cover."""
    lowered = text.casefold()
    scores = {intent: sum(word in lowered for word in words) for intent, words in KEYWORDS.items()}
    ranked = [intent for intent, score in sorted(scores.items(), key=lambda item: -item[1]) if score]
    if not ranked:
        return None
    mentions = spot_entities(backend, text)
    for intent in ranked:
        question = CATALOGUE[intent]
        params: dict[str, Any] = {}
        pool = list(mentions)
        for param in question.params:
            if param.type not in ENTITY_LABELS:
                continue
            label = ENTITY_LABELS[param.type]
            chosen = next((m for m in pool if label is None or m[1] == label), None)
            if chosen:
                params[param.name] = chosen[0]
                pool.remove(chosen)
        if all(p.name in params for p in question.params if p.required):
            if intent == "left_for" and re.search(_STARTUPS, lowered):
                params["startups_only"] = True
            return Understood(intent, params, how="keywords")
    return None


def spot_entities(backend: Backend, text: str) -> list[tuple[str, str]]:
    """``(id, label)`` of the people and organisations named in a text, in order of appearance.

    Latin-script names are matched on whole words (longest first); Chinese names anywhere.
    """
    index = getattr(getattr(backend, "graph", None), "names", None) or getattr(backend, "name_index", None)
    if index is None:
        return []
    from kg.names import normalize

    found: list[tuple[int, str, str]] = []
    words = list(re.finditer(r"[\w.&'’-]+", text))
    taken: set[int] = set()
    for size in range(min(6, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if taken & set(span):
                continue
            phrase = text[words[start].start() : words[start + size - 1].end()]
            key = normalize(re.sub(r"(?:'s|’s)$", "", phrase))
            ids = index.keys.get(key) if len(key) > 1 else None
            if ids and len(ids) == 1:
                entity = next(iter(ids))
                position = len(normalize(text[: words[start].start()]))
                found.append((position, entity, index.entries[entity].label))
                taken |= set(span)
    simplified = normalize(text)
    for key, ids in index.keys.items():
        if len(ids) == 1 and re.search(r"[\u3400-\u9fff]", key) and key in simplified:
            entity = next(iter(ids))
            if entity not in {f[1] for f in found}:
                found.append((simplified.find(key), entity, index.entries[entity].label))
    return [(entity, label) for _, entity, label in sorted(found)]


def _closest(text: str) -> list[str]:
    from rapidfuzz import fuzz, process

    examples = {name: question.example for name, question in CATALOGUE.items()}
    matches = process.extract(text, examples, scorer=fuzz.token_set_ratio, limit=3)
    return [match[2] for match in matches]


def _examples(names: list[str]) -> str:
    return "; ".join(f'{name} ("{CATALOGUE[name].example}")' for name in names)
